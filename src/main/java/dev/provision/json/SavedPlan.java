package dev.provision.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provision.plan.Mode;
import dev.provision.plan.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A plan read back from {@code plan --out}: the plan itself (with every step apply runs), the digest
 * of the inventory it was made from, and the mode and targets it was made for.
 */
public record SavedPlan(String inventoryDigest, Mode mode, List<String> targets, Plan plan) {

    public SavedPlan {
        targets = List.copyOf(targets);
    }

    /** Reads a plan file; throws {@link PlanFileInvalid} naming the file and what is wrong. */
    public static SavedPlan read(Path file) {
        JsonNode root;
        try {
            root = JsonDocument.MAPPER.readTree(Files.readString(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new PlanFileInvalid("the plan file " + file + " cannot be applied: it is not JSON ("
                    + e.getOriginalMessage() + "); write a new one with: provision plan --out " + file);
        } catch (NoSuchFileException e) {
            throw new PlanFileInvalid("the plan file " + file + " does not exist; write one with: provision plan --out " + file);
        } catch (IOException e) {
            throw new PlanFileInvalid("cannot read the plan file " + file + ": " + e.getMessage());
        }
        try {
            if (root == null || !root.isObject()) {
                throw new PlanFileInvalid("it is not a JSON object");
            }
            String version = root.path("format_version").asText("");
            if (!version.startsWith(PlanJson.FORMAT_VERSION.substring(0, PlanJson.FORMAT_VERSION.indexOf('.') + 1))) {
                throw new PlanFileInvalid("its format_version is \"" + version + "\", this provision reads "
                        + PlanJson.FORMAT_VERSION);
            }
            if (!"plan".equals(root.path("command").asText()) || !root.path("plan").isObject()) {
                throw new PlanFileInvalid("it holds no plan (it was not written by provision plan --out)");
            }
            String digest = root.path("inventory").path("sha256").asText(null);
            Mode mode = Mode.valueOf(root.path("mode").asText("apply").toUpperCase());
            List<String> targets = new ArrayList<>();
            root.path("targets").forEach(t -> targets.add(t.asText()));
            return new SavedPlan(digest, mode, targets, PlanJson.fromJson(root.get("plan")));
        } catch (PlanFileInvalid e) {
            throw new PlanFileInvalid("the plan file " + file + " cannot be applied: " + e.getMessage()
                    + "; write a new one with: provision plan --out " + file);
        } catch (IllegalArgumentException e) {
            throw new PlanFileInvalid("the plan file " + file + " cannot be applied: " + e.getMessage()
                    + "; write a new one with: provision plan --out " + file);
        }
    }
}
