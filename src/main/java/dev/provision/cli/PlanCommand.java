package dev.provision.cli;

import dev.provision.plan.Plan;
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
        description = {
            "Reads the actual state of every declared resource and shows what apply would change.",
            "Reading never changes anything."
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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Session session = Session.open(options, spec);
        try (session) {
            Plan plan = session.plan(targets.targets(), dev.provision.engine.Mode.APPLY);
            new PlanPrinter(spec.commandLine().getOut(), options.ansi(), showCommands).print(plan);
            boolean incomplete = !plan.unmanaged().isEmpty();
            return detailedExitCode && (plan.hasChanges() || incomplete) ? ExitCodes.CHANGES : ExitCodes.OK;
        }
    }
}
