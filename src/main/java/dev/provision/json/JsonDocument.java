package dev.provision.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provision.plan.Mode;
import dev.provision.plan.Plan;
import java.nio.file.Path;
import java.util.List;

/**
 * One JSON document of {@code schema/plan.schema.json}, as {@code plan}, {@code apply} and
 * {@code destroy} print with {@code --json} and as {@code plan --out} saves: what was asked (command,
 * inventory and its digest, mode, targets), the plan, what apply did, and how it ended.
 */
public final class JsonDocument {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode root = JsonNodeFactory.instance.objectNode();
    private ApplyRecord record;

    /**
     * Starts a document for {@code command}; the outcome is {@code failed} until set otherwise.
     *
     * @param inventoryDigest the SHA-256 of the inventory file, or {@code null} when it could not be read
     */
    public JsonDocument(String command, Path inventory, String inventoryDigest, Mode mode, List<String> targets) {
        root.put("format_version", PlanJson.FORMAT_VERSION);
        root.put("provision_version", version());
        root.put("command", command);
        root.put("outcome", "failed");
        ObjectNode file = root.putObject("inventory");
        file.put("path", inventory.toString());
        file.put("sha256", inventoryDigest);
        root.put("mode", mode.name().toLowerCase());
        ArrayNode list = root.putArray("targets");
        targets.forEach(list::add);
        root.putNull("plan");
        root.putNull("error");
    }

    /** Sets the plan; {@code executable} adds what apply runs for each step (for a plan file). */
    public JsonDocument plan(Plan plan, boolean executable) {
        root.set("plan", PlanJson.toJson(plan, executable));
        return this;
    }

    /** Reports what apply did, as {@code record} holds it when the document is written. */
    public JsonDocument apply(ApplyRecord record) {
        this.record = record;
        return this;
    }

    /** One of: no_changes, changes (plan), applied, cancelled, refused, invalid, failed. */
    public JsonDocument outcome(String outcome) {
        root.put("outcome", outcome);
        return this;
    }

    /** Marks the document as ended by {@code message}, with the exit code the command returns. */
    public JsonDocument error(String outcome, String message, int exitCode) {
        root.put("outcome", outcome);
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("exit_code", exitCode);
        return this;
    }

    public String toJson() {
        try {
            if (record != null) {
                root.set("apply", record.toJson());
            }
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String version() {
        String version = JsonDocument.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
