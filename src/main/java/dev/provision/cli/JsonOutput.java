package dev.provision.cli;

import dev.provision.apply.HazardsRefused;

import dev.provision.plan.Mode;
import dev.provision.json.ApplyRecord;
import dev.provision.json.InventoryDigest;
import dev.provision.json.JsonDocument;
import dev.provision.json.PlanFileInvalid;
import dev.provision.plan.Plan;
import java.io.PrintWriter;
import java.util.List;

/**
 * The {@code --json} document of one command, printed once on standard output when the command ends,
 * whether it succeeded or failed; does nothing without {@code --json}.
 */
final class JsonOutput {
    private final JsonDocument document;
    private final PrintWriter stdout;

    JsonOutput(boolean enabled, String command, CommonOptions options, Mode mode, List<String> targets, PrintWriter stdout) {
        this.document = enabled
                ? new JsonDocument(command, options.inventory, InventoryDigest.of(options.inventory), mode, targets)
                : null;
        this.stdout = stdout;
    }

    void plan(Plan plan) {
        if (document != null) {
            document.plan(plan, false);
        }
    }

    void outcome(String outcome) {
        if (document != null) {
            document.outcome(outcome);
        }
    }

    void apply(ApplyRecord record) {
        if (document != null) {
            document.apply(record);
        }
    }

    /** Records why the command stopped; the exception still reaches the failure handler. */
    void failed(RuntimeException e) {
        if (document != null) {
            String outcome = e instanceof UserError ? "invalid"
                    : e instanceof HazardsRefused || e instanceof PlanFileInvalid ? "refused"
                    : "failed";
            document.error(outcome, e.getMessage() == null ? e.toString() : e.getMessage(), FailureHandler.exitCode(e));
        }
    }

    void emit() {
        if (document != null) {
            stdout.print(document.toJson());
            stdout.flush();
        }
    }
}
