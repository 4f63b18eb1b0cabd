package dev.provision.cli;

import dev.provision.apply.ApplyListener;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.Step;
import dev.provision.transport.CommandResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Help.Ansi;

/**
 * Shows apply's progress: a line when a change starts, counted as k of the n changes expected, and
 * one when it ends, with the time it took. While steps run (several at once when containers are changed in parallel), a terminal gets one
 * status line that ticks every second with the elapsed time; anything else (a pipe, CI) gets a plain
 * "still running" line per step every {@value #PLAIN_EVERY_SECONDS} seconds. The ticking line is cut
 * to the terminal's width, so that it never wraps.
 */
final class ProgressPrinter implements ApplyListener, AutoCloseable {
    static final int PLAIN_EVERY_SECONDS = 30;
    private static final String CLEAR_LINE = "\r\u001b[K";

    private final PrintWriter out;
    private final Ansi ansi;
    private final boolean terminal;
    private final int plainEverySeconds;
    private final int columns;
    private int expected;
    private int started;
    private final ScheduledExecutorService ticker;
    private final Map<PlannedChange, Running> running = new LinkedHashMap<>();
    private boolean statusShown;

    /** The step a change is running, since when, and when it was last reported on a plain line. */
    private static final class Running {
        Step step;
        Instant since = Instant.now();
        long lastPlainReport;
    }

    ProgressPrinter(PrintWriter out, Ansi ansi, boolean terminal) {
        this(out, ansi, terminal, PLAIN_EVERY_SECONDS, terminal ? TerminalWidth.columns() : TerminalWidth.DEFAULT);
    }

    ProgressPrinter(PrintWriter out, Ansi ansi, boolean terminal, int plainEverySeconds, int columns) {
        this.out = out;
        this.ansi = ansi;
        this.terminal = terminal;
        this.plainEverySeconds = plainEverySeconds;
        this.columns = columns;
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "provision-progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** Adds {@code changes} to the number of changes this apply is expected to run (a stage at a time). */
    synchronized void expect(int changes) {
        expected += changes;
    }

    @Override
    public synchronized void changeStarted(PlannedChange change) {
        clearStatus();
        running.put(change, new Running());
        started++;
        String count = expected >= started ? "[" + started + "/" + expected + "] " : "";
        out.println(ansi.string(count + "@|bold " + DiagnosticPrinter.escape(change.address().path()) + "|@: "
                + change.action().name().toLowerCase() + "..."));
        out.flush();
    }

    @Override
    public synchronized void stepStarted(PlannedChange change, Step step) {
        Running now = running.computeIfAbsent(change, c -> new Running());
        now.step = step;
        now.since = Instant.now();
        now.lastPlainReport = 0;
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
        running.remove(change);
        out.println(ansi.string(String.format("@|bold %s|@: done in %.1fs",
                DiagnosticPrinter.escape(change.address().path()), elapsed.toMillis() / 1000.0)));
        out.flush();
    }

    /** Stops ticking and clears the status line (also after a failure, when no change finished). */
    @Override
    public synchronized void close() {
        ticker.shutdownNow();
        clearStatus();
        running.clear();
        out.flush();
    }

    private synchronized void tick() {
        Instant now = Instant.now();
        if (terminal) {
            String status = running.entrySet().stream().filter(e -> e.getValue().step != null)
                    .map(e -> e.getKey().address() + ": " + firstLine(e.getValue().step.display())
                            + " [" + Duration.between(e.getValue().since, now).toSeconds() + "s elapsed]")
                    .collect(Collectors.joining("; "));
            if (!status.isEmpty()) {
                int width = Math.max(20, columns - 3); // two columns of indent, and the last column left free
                String line = status.length() > width ? status.substring(0, width - 3) + "..." : status;
                out.print(CLEAR_LINE + ansi.string("  @|faint " + DiagnosticPrinter.escape(line) + "|@"));
                statusShown = true;
                out.flush();
            }
            return;
        }
        running.forEach((change, state) -> {
            long seconds = Duration.between(state.since, now).toSeconds();
            if (state.step != null && seconds >= state.lastPlainReport + plainEverySeconds) {
                state.lastPlainReport = seconds - seconds % plainEverySeconds;
                out.println(change.address() + ": still running " + firstLine(state.step.display())
                        + " [" + state.lastPlainReport + "s elapsed]");
                out.flush();
            }
        });
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
