package dev.provision.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Where a command writes for people and how: standard output normally, standard error when standard
 * output carries JSON ({@code --json}), coloured only when that stream is a terminal.
 */
record Output(PrintWriter human, PrintWriter stdout, Ansi ansi, boolean terminal) {

    static Output of(CommandSpec spec, CommonOptions options, boolean json) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter human = json ? err : out;
        return new Output(human, out, options.ansi(human), ConsoleStream.isTerminal(human));
    }

    PlanPrinter planPrinter(boolean showCommands) {
        return new PlanPrinter(human, ansi, showCommands);
    }
}
