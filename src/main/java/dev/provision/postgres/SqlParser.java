package dev.provision.postgres;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.pgcodekeeper.core.DatabaseType;
import org.pgcodekeeper.core.loader.ParserListenerMode;
import org.pgcodekeeper.core.loader.PgDumpLoader;
import org.pgcodekeeper.core.monitor.NullMonitor;
import org.pgcodekeeper.core.parsers.antlr.base.AntlrError;
import org.pgcodekeeper.core.schema.AbstractDatabase;
import org.pgcodekeeper.core.schema.PgObjLocation;
import org.pgcodekeeper.core.settings.CoreSettings;

/**
 * Splits a SQL script into statements with a real PostgreSQL grammar (pgcodekeeper-core's), offline,
 * and reports its syntax errors at their line and column. Unlike a scan for semicolons it keeps a
 * {@code BEGIN ATOMIC ... END} body and a rule's parenthesised actions whole. A script that parsed
 * without errors is remembered ({@link ParseCache}), so an unchanged file does not start the parser
 * again (its first use in a process costs about a second).
 */
public final class SqlParser {
    private static final String NAME = "script.sql";
    /** The grammar logs each syntax error it meets; they are reported here, with their file, instead. */
    private static final java.util.logging.Logger GRAMMAR_LOG =
            java.util.logging.Logger.getLogger("org.pgcodekeeper.core.parsers.antlr.base.CustomAntlrErrorListener");

    /** One statement of a script: its text without the closing semicolon, and where it starts (1-based). */
    public record Statement(String text, int offset, int line, int column) {}

    /** A syntax error: 1-based line and column, and the parser's message. */
    public record SyntaxError(int line, int column, String message) {}

    /** The statements of a script, in order, and its syntax errors (then the statements are not to be run). */
    public record Parsed(List<Statement> statements, List<SyntaxError> errors) {
        public Parsed {
            statements = List.copyOf(statements);
            errors = List.copyOf(errors);
        }
    }

    private final ParseCache cache;

    private SqlParser(ParseCache cache) {
        this.cache = cache;
    }

    /** A parser that remembers scripts in the user's cache. */
    public static SqlParser standard() {
        return new SqlParser(ParseCache.standard());
    }

    /** A parser that always parses. */
    public static SqlParser uncached() {
        return new SqlParser(ParseCache.none());
    }

    /** The statements of {@code text}; the parser runs only when this text was not parsed cleanly before. */
    public Parsed parse(String text) {
        Optional<String> key = cache.key(text);
        Optional<List<int[]>> known = key.flatMap(cache::get);
        if (known.isPresent()) {
            Optional<Parsed> remembered = fromSpans(text, known.get());
            if (remembered.isPresent()) {
                return remembered.get();
            }
        }
        Parsed parsed = parseNow(text);
        if (parsed.errors().isEmpty() && parsed.statements().stream().allMatch(st -> text.startsWith(st.text(), st.offset()))) {
            key.ifPresent(k -> cache.put(k, parsed.statements().stream()
                    .map(s -> new int[] {s.offset(), s.text().length()}).toList()));
        }
        return parsed;
    }

    private static Parsed parseNow(String text) {
        GRAMMAR_LOG.setLevel(java.util.logging.Level.OFF);
        String grammatical = SqlScanner.scan(text).doubledQuotes();
        CoreSettings settings = new CoreSettings();
        settings.setDbType(DatabaseType.PG);
        PgDumpLoader loader = new PgDumpLoader(() -> new ByteArrayInputStream(grammatical.getBytes(StandardCharsets.UTF_8)),
                NAME, settings, new NullMonitor(), 0);
        loader.setMode(ParserListenerMode.SCRIPT);
        AbstractDatabase database;
        try {
            database = loader.load();
        } catch (IOException e) {
            throw new IllegalStateException("reading a script from memory failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parsing SQL", e);
        }
        List<SyntaxError> errors = new ArrayList<>();
        for (Object error : loader.getErrors()) {
            if (error instanceof AntlrError antlr) {
                errors.add(new SyntaxError(antlr.getLineNumber(), antlr.getCharPositionInLine() + 1, antlr.getMsg()));
            } else {
                errors.add(new SyntaxError(1, 1, String.valueOf(error)));
            }
        }
        List<Statement> statements = new ArrayList<>();
        List<PgObjLocation> locations = new ArrayList<>(database.getObjReferences(NAME));
        locations.sort(Comparator.comparingInt(PgObjLocation::getOffset));
        for (PgObjLocation location : locations) {
            String sql = location.getSql();
            int offset = location.getOffset();
            if (sql == null || sql.isBlank() || offset < 0 || offset + sql.length() > text.length()) {
                continue;
            }
            // the statement as written (the grammar read E'' strings with their quotes doubled)
            statements.add(new Statement(text.substring(offset, offset + sql.length()).strip(), offset,
                    location.getLineNumber(), location.getCharPositionInLine() + 1));
        }
        return new Parsed(statements, errors);
    }

    /** The statements at remembered spans of {@code text}, or empty when they do not fit it. */
    private static Optional<Parsed> fromSpans(String text, List<int[]> spans) {
        List<Statement> statements = new ArrayList<>();
        // lines counted once through the text, not from its start for every statement (1,000 statements)
        int line = 1;
        int lineStart = 0;
        int counted = 0;
        for (int[] span : spans) {
            if (span[0] < 0 || span[1] < 0 || span[0] + span[1] > text.length()) {
                return Optional.empty();
            }
            if (span[0] < counted) {
                line = 1;
                lineStart = 0;
                counted = 0;
            }
            for (int i = counted; i < span[0]; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            counted = span[0];
            statements.add(new Statement(text.substring(span[0], span[0] + span[1]), span[0], line,
                    span[0] - lineStart + 1));
        }
        return Optional.of(new Parsed(statements, List.of()));
    }
}
