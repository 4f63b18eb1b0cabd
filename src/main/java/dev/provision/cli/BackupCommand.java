package dev.provision.cli;

import dev.provision.apply.Applier;
import dev.provision.apply.OperationFailed;
import dev.provision.apply.StepFailed;
import dev.provision.plan.Targets;
import dev.provision.inventory.Container;
import dev.provision.plan.Action;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Cause;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.ResourceAddress;
import dev.provision.resource.backup.BackupDriver;
import dev.provision.resource.backup.BackupSteps;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code provision backup}: takes a backup of each backed-up server now, showing its progress. */
@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        header = "Take a backup now.",
        description = {
            "Takes a pgBackRest backup of each server whose inventory declares backups (or of the --target ones),"
                    + " one server after another, with pgBackRest's progress lines and the elapsed time."
                    + " The server must be set up by apply first. A full backup copies everything; diff the changes"
                    + " since the last full; incr the changes since the last backup of any type."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  provision backup                                             # a full backup of every backed-up server",
            "  provision backup --target containers.event-store --type incr"
        })
final class BackupCommand implements Callable<Integer> {
    /** pgBackRest's backup types. */
    enum Type { full, diff, incr }

    @Mixin
    CommonOptions options;

    @Mixin
    TargetOptions targets;

    @Option(names = "--type", paramLabel = "TYPE", description = "full (default), diff or incr.")
    Type type = Type.full;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Output output = Output.of(spec, options, false);
        try (Session session = Session.open(options, spec)) {
            TargetCheck.beforeReading(dev.provision.engine.AddressCatalog.of(session.inventory()), targets.targets);
            List<Container> servers = BackupDriver.backedUp(session.inventory(),
                    targets.targets.isEmpty() ? Targets.all() : targets.targets());
            if (servers.isEmpty()) {
                throw new UserError("no server " + (targets.targets.isEmpty() ? "in " + options.inventory : "among the targets")
                        + " declares backups; add postgres.backups to a container and run provision apply");
            }
            List<PlannedChange> changes = servers.stream().map(this::change).toList();
            try (ProgressPrinter progress = new ProgressPrinter(output.human(), output.ansi(), output.terminal())) {
                progress.expect(changes.size());
                new Applier(session.connections(), progress).apply(new Plan(changes, List.of()));
            } catch (StepFailed e) {
                throw new OperationFailed(e.getMessage() + "\nIs the server set up for backups? provision plan shows what"
                        + " apply would do; provision backups shows the repository's state.", e);
            }
            output.human().println(changes.size() == 1 ? "Backup taken." : changes.size() + " backups taken.");
            output.human().flush();
            return ExitCodes.OK;
        }
    }

    private PlannedChange change(Container container) {
        return new PlannedChange(ResourceAddress.of("containers", container.name(), "postgres", "backups"), Action.UPDATE,
                Cause.INVENTORY, "a " + type + " backup, asked for on the command line",
                List.of(new AttributeChange("backup", null, type.name())), List.of(),
                List.of(new BackupSteps(container).backup(type.name())));
    }
}
