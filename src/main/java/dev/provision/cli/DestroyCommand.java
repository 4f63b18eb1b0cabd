package dev.provision.cli;

import dev.provision.apply.ApplyOperation;
import dev.provision.plan.Mode;
import dev.provision.json.ApplyRecord;
import dev.provision.plan.Plan;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code provision destroy}: removes what the inventory declares, after confirmation. */
@Command(
        name = "destroy",
        mixinStandardHelpOptions = true,
        header = "Remove the containers the inventory declares.",
        description = {
            "Removes the containers the inventory declares (and everything in them), after showing the plan"
                    + " and asking for confirmation. Hosts themselves are left as they are.",
            "",
            "Containers marked protected: true are refused; remove the mark first if you really mean it."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  provision destroy                                   # show what goes, ask, remove",
            "  provision destroy --target containers.scratch       # only this container",
            "  provision destroy --auto-approve --json > out.json  # CI: tear down an ephemeral host"
        })
final class DestroyCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Mixin
    TargetOptions targets;

    @Mixin
    ChangeOptions change;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (change.json && !change.autoApprove) {
            throw new UserError("--json cannot be combined with the confirmation prompt; add --auto-approve");
        }
        Output output = Output.of(spec, options, change.json);
        JsonOutput document = new JsonOutput(change.json, "destroy", options, Mode.DESTROY, targets.targets, output.stdout());
        ApplyRecord record = new ApplyRecord();
        try (Session session = Session.open(options, spec)) {
            Plan plan = session.planTargets(targets.targets, Mode.DESTROY);
            output.planPrinter(false).print(plan);
            document.plan(plan);
            if (!plan.hasChanges()) {
                document.outcome("no_changes");
                return ExitCodes.OK;
            }
            if (!change.autoApprove && !new Confirmation(spec).ask("destroy")) {
                spec.commandLine().getOut().println("Destroy cancelled; nothing was changed.");
                document.outcome("cancelled");
                return ExitCodes.FAILURE;
            }
            document.apply(record);
            session.apply(plan, new ApplyOperation.Request(targets.targets(), Mode.DESTROY,
                    Set.of(dev.provision.plan.HazardKind.CONTAINER_DESTROY.id()), change.parallelism,
                    ApplyOperation.Continuation.NONE, change.lockTimeout), output, record);
            document.outcome("applied");
            return ExitCodes.OK;
        } catch (RuntimeException e) {
            document.failed(e);
            throw e;
        } finally {
            document.emit();
        }
    }
}
