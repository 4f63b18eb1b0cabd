package dev.provision.cli;

import dev.provision.apply.ApplyListener;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.Step;
import dev.provision.transport.CommandResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Help.Ansi;

/**
 * Shows apply's progress: a line when a change starts and one when it ends, with the time it took.
 * While a step runs, a terminal gets one status line that ticks every second with the elapsed time;
 * anything else (a pipe, CI) gets a plain "still running" line every {@value #PLAIN_EVERY_SECONDS} seconds.
 */
final class ProgressPrinter implements ApplyListener, AutoCloseable {
    static final int PLAIN_EVERY_SECONDS = 30;
    private static final String CLEAR_LINE = "\r\u001b[K";

    private final PrintWriter out;
    private final Ansi ansi;
    private final boolean terminal;
    private final int plainEverySeconds;
    private final ScheduledExecutorService ticker;
    private PlannedChange change;
    private Step step;
    private Instant stepSince;
    private boolean statusShown;
    private long lastPlainReport;

    ProgressPrinter(PrintWriter out, Ansi ansi, boolean terminal) {
        this(out, ansi, terminal, PLAIN_EVERY_SECONDS);
    }

    ProgressPrinter(PrintWriter out, Ansi ansi, boolean terminal, int plainEverySeconds) {
        this.out = out;
        this.plainEverySeconds = plainEverySeconds;
        this.ansi = ansi;
        this.terminal = terminal;
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "provision-progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void changeStarted(PlannedChange change) {
        clearStatus();
        this.change = change;
        out.println(ansi.string("@|bold " + change.address() + "|@: " + change.action().name().toLowerCase() + "..."));
        out.flush();
    }

    @Override
    public synchronized void stepStarted(PlannedChange change, Step step) {
        this.step = step;
        this.stepSince = Instant.now();
        this.lastPlainReport = 0;
    }

    @Override
    public synchronized void stepFinished(PlannedChange change, Step step, CommandResult result) {
        if (step instanceof Step.Run run && run.showOutput() && !result.stdout().isBlank()) {
            clearStatus();
            out.println(change.address() + ": " + run.display() + ": " + result.stdout().strip());
            out.flush();
        }
    }

    @Override
    public synchronized void changeFinished(PlannedChange change, Duration elapsed) {
        clearStatus();
        this.step = null;
        this.change = null;
        out.println(ansi.string(String.format("@|bold %s|@: done in %.1fs", change.address(), elapsed.toMillis() / 1000.0)));
        out.flush();
    }

    /** Stops ticking and clears the status line (also after a failure, when no change finished). */
    @Override
    public synchronized void close() {
        ticker.shutdownNow();
        clearStatus();
        step = null;
        out.flush();
    }

    private synchronized void tick() {
        if (step == null || change == null) {
            return;
        }
        long seconds = Duration.between(stepSince, Instant.now()).toSeconds();
        String what = firstLine(step.display());
        if (terminal) {
            out.print(CLEAR_LINE + ansi.string("  @|faint " + DiagnosticPrinter.escape(change.address() + ": " + what)
                    + " [" + seconds + "s elapsed]|@"));
            statusShown = true;
            out.flush();
        } else if (seconds >= lastPlainReport + plainEverySeconds) {
            lastPlainReport = seconds - seconds % plainEverySeconds;
            out.println(change.address() + ": still running " + what + " [" + lastPlainReport + "s elapsed]");
            out.flush();
        }
    }

    private void clearStatus() {
        if (statusShown) {
            out.print(CLEAR_LINE);
            statusShown = false;
        }
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("").strip();
        return line.length() > 70 ? line.substring(0, 67) + "..." : line;
    }
}
