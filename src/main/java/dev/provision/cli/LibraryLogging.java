package dev.provision.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Where the libraries' own logs go (sshj through slf4j's java.util.logging binding, pgjdbc through
 * java.util.logging directly): nowhere by default, their warnings to standard error with {@code -v},
 * and sshj's and pgjdbc's debug records to the {@code --log-file}. Every record is redacted first: a
 * password, a SCRAM verifier or a private key never reaches either.
 */
final class LibraryLogging {
    /** The libraries whose debug records help diagnose a connection: SSH and the PostgreSQL driver. */
    private static final List<String> CONNECTION_LIBRARIES = List.of("net.schmizz", "com.hierynomus", "org.postgresql");
    private static final Pattern SECRETS = Pattern.compile(
            "(?i)(SCRAM-SHA-256\\$)[^\\s'\"]+|(password\\s*[=:]?\\s*)('[^']*'|\"[^\"]*\"|\\S+)"
                    + "|-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----");

    /**
     * The loggers configured here, held for the life of the process: java.util.logging keeps loggers
     * only weakly, so a configured logger nobody holds can be collected with its level and handlers,
     * and the library's records then go nowhere (the log file missed sshj's records now and then).
     */
    private static final List<Logger> CONFIGURED = new CopyOnWriteArrayList<>();

    private LibraryLogging() {}

    /** Silences every library: nothing they log reaches the user's terminal unasked. */
    static void silence() {
        LogManager.getLogManager().reset();
        Logger.getLogger("").setLevel(Level.OFF);
    }

    /**
     * Routes the libraries' records: warnings to {@code verbose} (standard error with -v), connection
     * libraries' debug records to {@code file} (the log file); either may be {@code null}.
     */
    static void route(PrintWriter verbose, PrintWriter file) {
        silence();
        Logger root = Logger.getLogger("");
        if (verbose != null) {
            root.setLevel(Level.WARNING);
            root.addHandler(handler(verbose, Level.WARNING));
        }
        if (file != null) {
            if (verbose == null) {
                root.setLevel(Level.WARNING);
            }
            root.addHandler(handler(file, Level.WARNING));
            Handler debug = handler(file, Level.FINE);
            for (String name : CONNECTION_LIBRARIES) {
                Logger library = Logger.getLogger(name);
                CONFIGURED.add(library);
                library.setLevel(Level.FINE);
                library.setUseParentHandlers(false);
                library.addHandler(debug);
                if (verbose != null) {
                    library.addHandler(handler(verbose, Level.WARNING));
                }
            }
        }
    }

    /** Masks passwords, SCRAM verifiers and private keys in a library's message. */
    static String redact(String message) {
        return SECRETS.matcher(message).replaceAll(match -> {
            if (match.group(1) != null) {
                return "SCRAM-SHA-256\\$[redacted]";
            }
            if (match.group(2) != null) {
                return java.util.regex.Matcher.quoteReplacement(match.group(2)) + "[redacted]";
            }
            return "[private key redacted]";
        });
    }

    private static Handler handler(PrintWriter writer, Level level) {
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (isLoggable(record)) {
                    synchronized (writer) {
                        writer.print(getFormatter().format(record));
                        writer.flush();
                    }
                }
            }

            @Override
            public void flush() {
                writer.flush();
            }

            @Override
            public void close() {
                writer.flush();
            }
        };
        handler.setLevel(level);
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord record) {
                String text = redact(formatMessage(record));
                Throwable thrown = record.getThrown();
                if (thrown != null) {
                    text += " (" + redact(String.valueOf(thrown)) + ")";
                }
                return "# " + record.getLevel().getName().toLowerCase() + " " + record.getLoggerName() + ": " + text
                        + System.lineSeparator();
            }
        });
        return handler;
    }
}
