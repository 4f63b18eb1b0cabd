package dev.provision.cli;

import dev.provision.apply.ApplyListener;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.Step;
import dev.provision.transport.CommandResult;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Help.Ansi;

/** Prints one line when a change starts and one when it ends, with the time it took. */
final class ProgressPrinter implements ApplyListener {
    private final PrintWriter out;
    private final Ansi ansi;

    ProgressPrinter(PrintWriter out, Ansi ansi) {
        this.out = out;
        this.ansi = ansi;
    }

    @Override
    public void changeStarted(PlannedChange change) {
        out.println(ansi.string("@|bold " + change.address() + "|@: " + change.action().name().toLowerCase() + "..."));
        out.flush();
    }

    @Override
    public void stepFinished(PlannedChange change, Step step, CommandResult result) {
        if (step instanceof Step.Run run && run.showOutput() && !result.stdout().isBlank()) {
            out.println(change.address() + ": " + run.display() + ": " + result.stdout().strip());
            out.flush();
        }
    }

    @Override
    public void changeFinished(PlannedChange change, Duration elapsed) {
        out.printf("%s: done in %.1fs%n", change.address(), elapsed.toMillis() / 1000.0);
        out.flush();
    }
}
