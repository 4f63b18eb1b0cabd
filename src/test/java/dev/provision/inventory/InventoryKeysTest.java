package dev.provision.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The loader, the JSON Schema and docs/inventory.md accept the same keys in every object. */
class InventoryKeysTest {
    private static final Path SCHEMA = Path.of("schema", "inventory.schema.json");
    private static final Path DOCS = Path.of("docs", "inventory.md");

    @Test
    void schemaPropertiesMatchTheLoadersKeys() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(SCHEMA.toFile());
        for (String kind : InventoryKeys.kinds()) {
            JsonNode object = kind.equals(InventoryKeys.INVENTORY) ? schema : schema.path("$defs").path(kind);
            assertThat(object.isMissingNode()).as("schema has $defs/%s", kind).isFalse();
            assertThat(fieldNames(object.path("properties")))
                    .as("properties of %s in the schema", kind)
                    .containsExactlyElementsOf(InventoryKeys.of(kind));
            assertThat(object.path("additionalProperties").asBoolean(true))
                    .as("the schema refuses unknown keys in %s, as the loader does", kind).isFalse();
        }
    }

    @Test
    void everySchemaObjectIsAKindTheLoaderKnows() throws IOException {
        JsonNode defs = new ObjectMapper().readTree(SCHEMA.toFile()).path("$defs");
        defs.fields().forEachRemaining(def -> {
            if (def.getValue().has("properties")) {
                assertThat(InventoryKeys.kinds()).as("$defs/%s has properties", def.getKey()).contains(def.getKey());
            }
        });
    }

    @Test
    void docsDescribeEveryKeyOfEveryKind() throws IOException {
        Map<String, List<String>> documented = documentedKeys(Files.readString(DOCS));
        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(InventoryKeys.kinds());
        documented.forEach((kind, keys) ->
                assertThat(keys).as("keys documented for %s", kind).containsExactlyElementsOf(InventoryKeys.of(kind)));
    }

    /** Each {@code <!-- keys: kind -->} marker is followed by a table whose rows start with {@code | `key` |}. */
    private static Map<String, List<String>> documentedKeys(String markdown) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        Matcher section = Pattern.compile("<!-- keys: (\\w+) -->").matcher(markdown);
        Pattern row = Pattern.compile("^\\| `([a-z0-9_]+)` \\|");
        while (section.find()) {
            List<String> rows = new ArrayList<>();
            String rest = markdown.substring(section.end());
            int next = rest.indexOf("<!-- keys:");
            for (String line : (next < 0 ? rest : rest.substring(0, next)).split("\n")) {
                Matcher m = row.matcher(line);
                if (m.find()) {
                    rows.add(m.group(1));
                }
            }
            keys.put(section.group(1), rows);
        }
        return keys;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
