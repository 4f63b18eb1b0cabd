package dev.provision.cli;

import dev.provision.probe.ProbeBatch;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import picocli.CommandLine.Help.Ansi;

/**
 * While a plan reads reality, one status line on a terminal once reading has taken more than a second:
 * how many of the hosts have been read and for how long, cut to the terminal's width and cleared when
 * reading ends. Off a terminal (a pipe, CI, a file) it prints nothing, so logs stay clean.
 */
final class ReadingProgress implements AutoCloseable {
    private static final String CLEAR_LINE = "\r\u001b[K";

    private final PrintWriter out;
    private final Ansi ansi;
    private final IntSupplier read;
    private final IntSupplier declared;
    private final int columns;
    private final Instant since = Instant.now();
    private final ScheduledExecutorService ticker;
    private boolean shown;
    private boolean closed;

    /** Starts the line on {@code out} if it is a terminal; closing it clears the line. */
    static ReadingProgress start(PrintWriter out, Ansi ansi, ProbeBatch probes) {
        boolean terminal = ConsoleStream.isTerminal(out);
        return new ReadingProgress(out, ansi, terminal, probes::hostsRead, probes::hostsDeclared,
                terminal ? TerminalWidth.columns() : TerminalWidth.DEFAULT, Duration.ofSeconds(1));
    }

    ReadingProgress(PrintWriter out, Ansi ansi, boolean terminal, IntSupplier read, IntSupplier declared, int columns,
            Duration every) {
        this.out = out;
        this.ansi = ansi;
        this.read = read;
        this.declared = declared;
        this.columns = columns;
        if (terminal) {
            ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "provision-reading");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(this::tick, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
    }

    /** The status text: hosts read of those declared, then the servers, and the time so far. */
    static String status(int read, int declared, long seconds) {
        String hosts = declared == 0 ? "reading"
                : read < declared ? "reading hosts: " + read + " of " + declared + " read"
                : "read " + declared + (declared == 1 ? " host" : " hosts") + "; reading servers and databases";
        return hosts + " [" + seconds + "s elapsed]";
    }

    private synchronized void tick() {
        if (closed) {
            return;
        }
        String line = status(read.getAsInt(), declared.getAsInt(), Duration.between(since, Instant.now()).toSeconds());
        int width = Math.max(20, columns - 3); // two columns of indent, and the last column left free
        String fitted = line.length() > width ? line.substring(0, width - 3) + "..." : line;
        out.print(CLEAR_LINE + ansi.string("  @|faint " + DiagnosticPrinter.escape(fitted) + "|@"));
        out.flush();
        shown = true;
    }

    /** Stops the line and clears it, so that what the plan prints next starts on a clean line. */
    @Override
    public synchronized void close() {
        closed = true;
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (shown) {
            out.print(CLEAR_LINE);
            out.flush();
            shown = false;
        }
    }
}
