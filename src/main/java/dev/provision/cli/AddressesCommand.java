package dev.provision.cli;

import dev.provision.engine.AddressCatalog;
import dev.provision.inventory.Loaded;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code provision addresses}: prints every address of the inventory, one a line, offline. */
@Command(
        name = "addresses",
        mixinStandardHelpOptions = true,
        header = "List every resource address of the inventory, for --target.",
        description = {
            "Prints every address a plan of the inventory can show, one a line, in inventory order, without"
                    + " contacting any host. Each is a valid --target; so is any group of them, such as"
                    + " containers.db.postgres.roles. Shell completion offers them after --target."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  provision addresses",
            "  provision addresses -i fleet.yaml | grep '\\.roles\\.'"
        })
final class AddressesCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Loaded loaded = InventoryFiles.load(options.inventory);
        new DiagnosticPrinter(spec.commandLine().getErr(), options.ansi(spec.commandLine().getErr())).print(loaded.diagnostics());
        if (!loaded.isValid()) {
            return ExitCodes.INVALID;
        }
        PrintWriter out = spec.commandLine().getOut();
        AddressCatalog.of(loaded.inventory()).addresses().forEach(out::println);
        out.flush();
        return ExitCodes.OK;
    }
}
