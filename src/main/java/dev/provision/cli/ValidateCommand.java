package dev.provision.cli;

import dev.provision.inventory.Loaded;
import dev.provision.json.InventoryDigest;
import dev.provision.json.JsonDocument;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
            "  provision validate -i inventory.yaml || exit 3      # CI: fail fast on a bad inventory",
            "  provision validate --json | jq '.problems[]'        # machine-readable problems"
        })
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Option(names = "--json", description = "Print the result as JSON on standard output, every problem with its file,"
            + " line, column, message and hint (format: schema/plan.schema.json); what people read goes to standard error.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Loaded loaded = InventoryFiles.load(options.inventory);
        DiagnosticPrinter printer = new DiagnosticPrinter(spec.commandLine().getErr(), options.ansi(spec.commandLine().getErr()));
        printer.print(loaded.diagnostics());
        JsonDocument document = JsonDocument.validation(options.inventory, InventoryDigest.of(options.inventory))
                .problems(loaded.diagnostics().sorted());
        int exitCode;
        if (loaded.isValid()) {
            PrintWriter human = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
            human.println("The inventory " + options.inventory + " is valid.");
            human.flush();
            document.outcome("valid");
            exitCode = ExitCodes.OK;
        } else {
            document.error("invalid", "the inventory is invalid; fix the problems listed and run again", ExitCodes.INVALID);
            exitCode = ExitCodes.INVALID;
        }
        if (json) {
            spec.commandLine().getOut().print(document.toJson());
            spec.commandLine().getOut().flush();
        }
        return exitCode;
    }
}
