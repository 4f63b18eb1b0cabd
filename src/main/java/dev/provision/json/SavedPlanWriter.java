package dev.provision.json;

import dev.provision.plan.Mode;
import dev.provision.plan.Plan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Writes a plan file for {@code apply PLANFILE}: the JSON document with every step's execution details. */
public final class SavedPlanWriter {
    private SavedPlanWriter() {}

    /** Writes atomically: a reader sees the old file or the whole new one. */
    public static void write(Path file, Path inventory, String inventoryDigest, Mode mode, List<String> targets, Plan plan) {
        String json = new JsonDocument("plan", inventory, inventoryDigest, mode, targets)
                .plan(plan, true)
                .outcome(plan.hasChanges() ? "changes" : "no_changes")
                .toJson();
        try {
            Path absolute = file.toAbsolutePath();
            Path temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
            Files.writeString(temporary, json);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plan file " + file + ": " + e.getMessage(), e);
        }
    }
}
