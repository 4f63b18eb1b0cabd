package dev.provision.cli;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import java.io.PrintWriter;
import picocli.CommandLine.Help.Ansi;

/** Prints diagnostics one per line, errors in red and warnings in yellow on a terminal. */
final class DiagnosticPrinter {
    private final PrintWriter err;
    private final Ansi ansi;

    DiagnosticPrinter(PrintWriter err, Ansi ansi) {
        this.err = err;
        this.ansi = ansi;
    }

    void print(Diagnostics diagnostics) {
        for (Diagnostic d : diagnostics.sorted()) {
            String colour = d.isError() ? "red" : "yellow";
            err.println(ansi.string("@|" + colour + " " + escape(d.toString()) + "|@"));
        }
        long errors = diagnostics.errors().size();
        if (errors > 0) {
            err.println(errors + (errors == 1 ? " error" : " errors") + "; nothing was contacted.");
        }
        err.flush();
    }

    /** Picocli markup treats {@code @|} and {@code |@} specially; user text must not open markup. */
    static String escape(String text) {
        return text.replace("@|", "@ |").replace("|@", "| @");
    }
}
