package dev.provision.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Where a command writes for people and how: standard output normally, standard error when standard
 * output carries JSON ({@code --json}), coloured only on a terminal.
 */
record Output(PrintWriter human, PrintWriter stdout, Ansi ansi, boolean terminal) {

    static Output of(CommandSpec spec, CommonOptions options, boolean json) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return new Output(json ? err : out, out, options.ansi(), System.console() != null);
    }

    PlanPrinter planPrinter(boolean showCommands) {
        return new PlanPrinter(human, ansi, showCommands);
    }
}
