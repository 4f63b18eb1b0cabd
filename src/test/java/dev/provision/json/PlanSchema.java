package dev.provision.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** The published JSON Schema of provision's JSON output, {@code schema/plan.schema.json}, for tests. */
public final class PlanSchema {
    public static final Path FILE = Path.of("schema", "plan.schema.json");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchema SCHEMA = load();

    private PlanSchema() {}

    /** The problems of {@code json} against the schema, each as text; empty when it conforms. */
    public static List<String> problems(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            return SCHEMA.validate(node).stream().map(ValidationMessage::toString).sorted().toList();
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonSchema load() {
        try {
            JsonNode schema = MAPPER.readTree(FILE.toFile());
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
