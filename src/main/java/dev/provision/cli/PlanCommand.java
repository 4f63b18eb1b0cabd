package dev.provision.cli;

import dev.provision.apply.OperationFailed;

import dev.provision.plan.Mode;
import dev.provision.json.SavedPlanWriter;
import dev.provision.plan.Plan;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code provision plan}: reads reality and shows what apply would change. Changes nothing. */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        header = "Show what apply would change; change nothing.",
        description = {
            "Reads the actual state of every declared resource over SSH and shows what apply would change:"
                    + " each resource with + (create), ~ (update in place), -/+ (replace) or - (destroy),"
                    + " why (an inventory change, or drift: reality changed behind provision's back),"
                    + " every attribute before and after, and the hazards a change carries.",
            "",
            "Reading never changes anything. With --out, the plan is saved so that"
                    + " 'provision apply PLANFILE' applies exactly it, or nothing if reality changed meanwhile."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  provision plan                              # what would apply change?",
            "  provision plan --show-commands              # ... and the exact commands and SQL",
            "  provision plan --target containers.db       # only this container and what it needs",
            "  provision plan --detailed-exitcode          # CI: exit 2 when there are changes",
            "  provision plan --json | jq .plan.summary    # machine-readable (schema/plan.schema.json)",
            "  provision plan --out db.plan && provision apply db.plan"
        })
final class PlanCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Mixin
    TargetOptions targets;

    @Option(names = "--detailed-exitcode", description = "Exit 2 when the plan has changes, 0 when it has none.")
    boolean detailedExitCode;

    @Option(names = "--show-commands", description = "Show the exact commands and SQL each change runs.")
    boolean showCommands;

    @Option(names = "--json", description = "Print the plan as JSON on standard output (format: schema/plan.schema.json);"
            + " what people read goes to standard error.")
    boolean json;

    @Option(names = "--out", paramLabel = "PLANFILE", description = "Save the plan to PLANFILE (JSON, no secret values)"
            + " for 'provision apply PLANFILE'.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Output output = Output.of(spec, options, json);
        JsonOutput document = new JsonOutput(json, "plan", options, Mode.APPLY, targets.targets, output.stdout());
        try (Session session = Session.open(options, spec)) {
            Plan plan = session.planTargets(targets.targets, Mode.APPLY);
            output.planPrinter(showCommands).print(plan);
            document.plan(plan);
            document.outcome(plan.hasChanges() ? "changes" : "no_changes");
            if (out != null) {
                try {
                    SavedPlanWriter.write(out, options.inventory, session.inventoryDigest(), Mode.APPLY, targets.targets, plan);
                } catch (java.io.UncheckedIOException e) {
                    throw new OperationFailed(e.getMessage() + "; choose a writable path for --out", e);
                }
                output.human().println("Saved the plan to " + out + "; apply exactly this plan with: provision apply "
                        + (options.inventory.toString().equals("inventory.yaml") ? "" : "-i " + options.inventory + " ") + out);
                output.human().flush();
            }
            boolean incomplete = !plan.unmanaged().isEmpty();
            return detailedExitCode && (plan.hasChanges() || incomplete) ? ExitCodes.CHANGES : ExitCodes.OK;
        } catch (RuntimeException e) {
            document.failed(e);
            throw e;
        } finally {
            document.emit();
        }
    }
}
