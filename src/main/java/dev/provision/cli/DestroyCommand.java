package dev.provision.cli;

import dev.provision.engine.Mode;
import dev.provision.plan.Plan;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code provision destroy}: removes what the inventory declares, after confirmation. */
@Command(
        name = "destroy",
        mixinStandardHelpOptions = true,
        description = {
            "Removes the containers the inventory declares, after showing the plan and asking.",
            "Protected containers are refused."
        })
final class DestroyCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Mixin
    TargetOptions targets;

    @Option(names = "--auto-approve", description = "Destroy without asking for confirmation (for CI).")
    boolean autoApprove;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "4",
            description = "How many containers to change at once (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Session session = Session.open(options, spec);
        try (session) {
            Plan plan = session.plan(targets.targets(), Mode.DESTROY);
            new PlanPrinter(spec.commandLine().getOut(), options.ansi(), false).print(plan);
            if (!plan.hasChanges()) {
                return ExitCodes.OK;
            }
            if (!autoApprove && !new Confirmation(spec).ask("destroy")) {
                spec.commandLine().getOut().println("Destroy cancelled; nothing was changed.");
                return ExitCodes.FAILURE;
            }
            session.apply(plan, targets.targets(), Mode.DESTROY, java.util.Set.of("container-destroy"), parallelism);
            return ExitCodes.OK;
        }
    }
}
