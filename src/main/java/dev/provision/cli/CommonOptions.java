package dev.provision.cli;

import java.nio.file.Path;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Option;

/** Options every command shares: the inventory file, how output looks, and where remote commands are logged. */
final class CommonOptions {

    @Option(
            names = {"-i", "--inventory"},
            paramLabel = "FILE",
            defaultValue = "inventory.yaml",
            description = "The inventory file (default: ${DEFAULT-VALUE}).")
    Path inventory;

    @Option(names = "--no-color", description = "Never colour the output. Colour is only used on a terminal,"
            + " and never when the NO_COLOR environment variable is set.")
    boolean noColor;

    @Option(names = {"-v", "--verbose"}, description = "Show every remote command on standard error as it runs"
            + " (standard input and secrets are never shown).")
    boolean verbose;

    @Option(names = "--log-file", paramLabel = "FILE", description = "Append every remote command and every step"
            + " (SQL included) to FILE, with secrets redacted, as -v shows them.")
    Path logFile;

    Ansi ansi() {
        return noColor || System.getenv("NO_COLOR") != null ? Ansi.OFF : Ansi.AUTO;
    }
}
