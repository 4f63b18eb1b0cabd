package dev.provision.cli;

import dev.provision.inventory.Loaded;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code provision validate}: checks the inventory, its templates and SQL files, offline. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        header = "Check the inventory, templates and SQL files offline.",
        description = {
            "Checks the inventory, its templates and its SQL files without contacting any host: unknown keys"
                    + " (with a did-you-mean), wrong types, dangling references, literal secrets, server-level"
                    + " settings given per database, sizes beyond the container's memory limit.",
            "",
            "Every problem is reported at once as file:line:col: what is wrong; what to do."
                    + " Exits 0 when the inventory is valid, 3 when it is not."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  provision validate                                  # ./inventory.yaml",
            "  provision validate -i examples/fleet/inventory.yaml",
            "  provision validate -i inventory.yaml || exit 3      # CI: fail fast on a bad inventory"
        })
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Loaded loaded = InventoryFiles.load(options.inventory);
        DiagnosticPrinter printer = new DiagnosticPrinter(spec.commandLine().getErr(), options.ansi(spec.commandLine().getErr()));
        printer.print(loaded.diagnostics());
        if (!loaded.isValid()) {
            return ExitCodes.INVALID;
        }
        spec.commandLine().getOut().println("The inventory " + options.inventory + " is valid.");
        return ExitCodes.OK;
    }
}
