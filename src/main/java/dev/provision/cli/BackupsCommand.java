package dev.provision.cli;

import dev.provision.plan.Targets;
import dev.provision.plan.ResourceAddress;
import dev.provision.resource.backup.BackupCatalog;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code provision backups}: lists each backed-up server's backups and the state of its WAL archive. Changes nothing. */
@Command(
        name = "backups",
        mixinStandardHelpOptions = true,
        header = "List the backups of each server; change nothing.",
        description = {
            "Reads, for each server whose inventory declares backups, pgBackRest's repository (pgbackrest info)"
                    + " and pg_stat_archiver, and lists the backups: label, type, when it ended, sizes and the WAL"
                    + " range, oldest first; then the span a restore can reach and the state of WAL archiving."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  provision backups                                  # every backed-up server",
            "  provision backups --target containers.event-store  # one server",
            "  provision backups --json | jq '.servers[0].backups[-1].label'"
        })
final class BackupsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Mixin
    TargetOptions targets;

    @Option(names = "--json", description = "Print the backups as JSON on standard output (format: docs/json-output.md).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Output output = Output.of(spec, options, json);
        try (Session session = Session.open(options, spec)) {
            TargetCheck.beforeReading(dev.provision.engine.AddressCatalog.of(session.inventory()), targets.targets);
            List<BackupCatalog.Server> servers = new BackupCatalog().read(session.inventory(),
                    targets.targets.isEmpty() ? Targets.all()
                            : new Targets(targets.targets.stream().map(ResourceAddress::new).toList()),
                    session.connections());
            if (servers.isEmpty()) {
                output.human().println("No server in " + options.inventory + " declares backups (postgres.backups).");
            }
            BackupsPrinter.text(servers, output.human());
            if (json) {
                output.stdout().println(BackupsPrinter.json(servers));
                output.stdout().flush();
            }
            output.human().flush();
            return ExitCodes.OK;
        }
    }
}
