package dev.provision.cli;

import java.nio.file.Path;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Option;

/** Options every command shares: the inventory file and how output looks. */
final class CommonOptions {

    @Option(
            names = {"-i", "--inventory"},
            paramLabel = "FILE",
            defaultValue = "inventory.yaml",
            description = "The inventory file (default: ${DEFAULT-VALUE}).")
    Path inventory;

    @Option(names = "--no-color", description = "Never colour the output (it is coloured only on a terminal).")
    boolean noColor;

    @Option(names = {"-v", "--verbose"}, description = "Show every remote command as it runs (secrets redacted).")
    boolean verbose;

    Ansi ansi() {
        return noColor || System.getenv("NO_COLOR") != null ? Ansi.OFF : Ansi.AUTO;
    }
}
