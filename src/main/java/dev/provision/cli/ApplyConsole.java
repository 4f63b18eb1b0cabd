package dev.provision.cli;

import dev.provision.apply.ApplyView;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.Step;
import dev.provision.transport.CommandResult;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Help.Ansi;

/**
 * Shows an apply operation on the console: its progress ({@link ProgressPrinter}), the plans of later
 * stages, the lines about locks waited for, and the closing line; a plan still found after apply goes
 * to standard error, before the failure that refers to it.
 */
final class ApplyConsole implements ApplyView, AutoCloseable {
    private final Output output;
    private final PrintWriter errors;
    private final Ansi errorsAnsi;
    private final ProgressPrinter progress;

    ApplyConsole(Output output, PrintWriter errors, Ansi errorsAnsi) {
        this.output = output;
        this.errors = errors;
        this.errorsAnsi = errorsAnsi;
        this.progress = new ProgressPrinter(output.human(), output.ansi(), output.terminal());
    }

    @Override
    public void expect(int changes) {
        progress.expect(changes);
    }

    @Override
    public void changeStarted(PlannedChange change) {
        progress.changeStarted(change);
    }

    @Override
    public void stepStarted(PlannedChange change, Step step) {
        progress.stepStarted(change, step);
    }

    @Override
    public void stepFinished(PlannedChange change, Step step, CommandResult result) {
        progress.stepFinished(change, step, result);
    }

    @Override
    public void changeFinished(PlannedChange change, Duration elapsed) {
        progress.changeFinished(change, elapsed);
    }

    @Override
    public void waiting(String line) {
        output.human().println(Character.toUpperCase(line.charAt(0)) + line.substring(1));
        output.human().flush();
    }

    @Override
    public void changedWhileWaiting(Plan fresh) {
        output.human().println();
        output.human().println("Another run changed what this plan covers while this one waited for its locks. The plan now:");
        new PlanPrinter(output.human(), output.ansi(), false).print(fresh);
    }

    @Override
    public void nextStage(Plan stage) {
        output.human().println();
        output.human().println("The parts that could only be planned once the changes above were applied:");
        new PlanPrinter(output.human(), output.ansi(), false).print(stage);
    }

    @Override
    public void changesEnded() {
        progress.close();
    }

    @Override
    public void leftOver(Plan leftOver) {
        new PlanPrinter(errors, errorsAnsi, false).print(leftOver);
    }

    @Override
    public void savedPlanApplied(int applied) {
        output.human().println(output.ansi().string("@|yellow,bold Saved plan applied:|@ " + applied
                + " changes. Parts of it could only be planned after them; run provision plan to see them,"
                + " then apply."));
        output.human().flush();
    }

    @Override
    public void complete(int applied) {
        output.human().println(output.ansi().string(
                "@|green,bold Apply complete!|@ " + applied + (applied == 1 ? " change" : " changes")
                        + " applied; a fresh read finds nothing left to do."));
        output.human().flush();
    }

    @Override
    public void close() {
        progress.close();
    }
}
