package dev.provision.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
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

    @Option(names = "--no-color", description = "Never colour the output. Colour is only used on a stream that"
            + " a terminal shows, and never when NO_COLOR is set to a non-empty value or TERM is dumb.")
    boolean noColor;

    @Option(names = {"-v", "--verbose"}, description = "Show every remote command on standard error as it runs"
            + " (standard input and secrets are never shown).")
    boolean verbose;

    @Option(names = "--log-file", paramLabel = "FILE", description = "Append every remote command and every step"
            + " (SQL included) to FILE, with secrets redacted, as -v shows them.")
    Path logFile;

    /** Colour for what is written to {@code stream}: only on a terminal, and only when nothing forbids it. */
    Ansi ansi(PrintWriter stream) {
        return !noColor && colourAllowed(System.getenv()) && ConsoleStream.isTerminal(stream) ? Ansi.ON : Ansi.OFF;
    }

    /** The conventions: a non-empty NO_COLOR (no-color.org) or TERM=dumb turn colour off. */
    static boolean colourAllowed(Map<String, String> environment) {
        String noColor = environment.get("NO_COLOR");
        return (noColor == null || noColor.isEmpty()) && !"dumb".equals(environment.get("TERM"));
    }
}
