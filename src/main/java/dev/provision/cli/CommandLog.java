package dev.provision.cli;

import dev.provision.apply.ApplyListener;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.Step;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Where remote commands are logged: standard error with {@code -v}, a file with {@code --log-file},
 * both, or nowhere. What is logged is what {@link dev.provision.transport.LoggedTransport} and step
 * displays show: never standard input, never a secret value. The libraries' own logs go along
 * ({@link LibraryLogging}).
 */
final class CommandLog implements AutoCloseable {
    private final PrintWriter writer;
    private final PrintWriter file;

    private CommandLog(PrintWriter writer, PrintWriter file) {
        this.writer = writer;
        this.file = file;
    }

    static CommandLog open(CommonOptions options, PrintWriter err, String command) {
        PrintWriter file = null;
        if (options.logFile != null) {
            try {
                file = new PrintWriter(Files.newBufferedWriter(options.logFile, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND));
            } catch (IOException e) {
                throw new UserError("cannot write the log file " + options.logFile + ": " + e.getMessage()
                        + "; choose a writable path for --log-file");
            }
            file.println("# provision " + command + " -i " + options.inventory + " at " + Instant.now());
            file.flush();
        }
        PrintWriter verbose = options.verbose ? err : null;
        LibraryLogging.route(verbose, file);
        PrintWriter writer = verbose == null ? file : file == null ? verbose : new PrintWriter(new Tee(verbose, file));
        return new CommandLog(writer, file);
    }

    /** The writer remote commands are logged to, or {@code null} when nothing is logged. */
    PrintWriter writer() {
        return writer;
    }

    /** Logs each step as apply starts it, so SQL (which runs over JDBC, not as a command) is logged too. */
    ApplyListener steps() {
        if (writer == null) {
            return new ApplyListener() {};
        }
        return new ApplyListener() {
            @Override
            public void stepStarted(PlannedChange change, Step step) {
                writer.println("# " + change.address() + ": " + step.display());
                writer.flush();
            }
        };
    }

    @Override
    public void close() {
        if (file != null) {
            file.close();
        }
    }

    /** Writes everything to two writers. */
    private static final class Tee extends Writer {
        private final Writer first;
        private final Writer second;

        Tee(Writer first, Writer second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(char[] buffer, int offset, int length) throws IOException {
            first.write(buffer, offset, length);
            second.write(buffer, offset, length);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }

        @Override
        public void close() throws IOException {
            second.close();
        }
    }
}
