package dev.provision.cli;

import dev.provision.engine.Mode;
import dev.provision.plan.Plan;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code provision apply}: plans, shows the plan, asks, then makes reality match the inventory. */
@Command(
        name = "apply",
        mixinStandardHelpOptions = true,
        description = {
            "Plans, shows the plan and asks for confirmation, then makes reality match the inventory.",
            "Stops at the first failure; the next apply continues from where it stopped."
        })
final class ApplyCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Mixin
    TargetOptions targets;

    @Option(names = "--auto-approve", description = "Apply without asking for confirmation (for CI).")
    boolean autoApprove;

    @Option(names = "--allow", paramLabel = "HAZARD",
            description = "Allow changes with this hazard, e.g. container-replace. Repeatable.")
    java.util.Set<String> allow = new java.util.LinkedHashSet<>();

    @Option(names = "--show-commands", description = "Show the exact commands and SQL each change runs.")
    boolean showCommands;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "4",
            description = "How many containers to change at once (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Session session = Session.open(options, spec);
        try (session) {
            Plan plan = session.plan(targets.targets(), Mode.APPLY);
            new PlanPrinter(spec.commandLine().getOut(), options.ansi(), showCommands).print(plan);
            if (!plan.hasChanges()) {
                return ExitCodes.OK;
            }
            if (!autoApprove && !new Confirmation(spec).ask("apply")) {
                spec.commandLine().getOut().println("Apply cancelled; nothing was changed.");
                return ExitCodes.FAILURE;
            }
            session.apply(plan, targets.targets(), Mode.APPLY, allow, parallelism);
            return ExitCodes.OK;
        }
    }
}
