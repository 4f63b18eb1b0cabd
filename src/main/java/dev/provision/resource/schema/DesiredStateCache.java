package dev.provision.resource.schema;

import dev.provision.postgres.SqlParser;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a cached shadow of a database's desired state holds, and how much of it a plan can reuse.
 *
 * <p>After a plan builds a shadow from the SQL files, the shadow is kept on the server under
 * {@link #name}, with a comment that records the build's context (server version, encoding, the
 * owner, declared schemas and extensions) and one chained digest per statement it ran. The next plan
 * of the same files uses it as it is; a plan of files that only add statements after the cached ones
 * copies it ({@code CREATE DATABASE ... TEMPLATE}) and runs only the added ones. Session settings among
 * the cached statements ({@code SET}, {@code RESET}) are run again first; a cached statement whose effect
 * lives in the session otherwise (a transaction, a temporary table, a cursor) rules the copy out.
 */
final class DesiredStateCache {
    private static final String FORMAT = "provision desired-state cache 1";
    private static final Pattern SETTING = Pattern.compile("^(?:SET|RESET)\\s", Pattern.CASE_INSENSITIVE);
    private static final Pattern SESSION = Pattern.compile(
            "^(?:BEGIN|START|COMMIT|END|ROLLBACK|ABORT|SAVEPOINT|RELEASE|PREPARE|EXECUTE|DEALLOCATE|DISCARD|LISTEN|UNLISTEN|LOAD|DECLARE|CLOSE|FETCH|MOVE"
                    + "|CREATE\\s+(?:(?:GLOBAL|LOCAL)\\s+)?TEMP(?:ORARY)?\\s)\\b|set_config|pg_advisory",
            Pattern.CASE_INSENSITIVE);

    private DesiredStateCache() {}

    /** The cached shadow's database name for the database whose scratch names start with {@code hash}. */
    static String name(String hash) {
        return "provision_shadow_" + hash + "_cache";
    }

    /** What the cache records: the build's context and the chained digest after each statement. */
    record Entry(String context, List<String> chain) {
        Entry {
            chain = List.copyOf(chain);
        }

        /** The database comment that records it. */
        String comment() {
            return FORMAT + "\n" + context + "\n" + String.join(",", chain);
        }

        /** The entry a comment records, or empty if it records none (another format, or no comment). */
        static Optional<Entry> parse(String comment) {
            if (comment == null) {
                return Optional.empty();
            }
            String[] lines = comment.split("\n", -1);
            if (lines.length != 3 || !lines[0].equals(FORMAT)) {
                return Optional.empty();
            }
            return Optional.of(new Entry(lines[1], lines[2].isEmpty() ? List.of() : Arrays.asList(lines[2].split(","))));
        }
    }

    /** A digest of everything besides the statements that a shadow's contents depend on. */
    static String context(String serverVersion, String encoding, String collate, String ctype, String owner,
            List<String> schemas, List<String> extensions) {
        return digest(String.join("\0", List.of(serverVersion, encoding, collate, ctype, String.valueOf(owner),
                String.join(",", schemas), String.join(",", extensions))));
    }

    /** One digest per statement, each over the previous one and the statement's text. */
    static List<String> chain(List<SqlParser.Statement> statements) {
        List<String> chain = new ArrayList<>();
        String previous = "";
        for (SqlParser.Statement statement : statements) {
            previous = digest(previous + "\0" + statement.text()).substring(0, 16);
            chain.add(previous);
        }
        return chain;
    }

    /**
     * How many of {@code statements} (whose chain is {@code chain}) a copy of a cached shadow holding
     * {@code cached} stands for: all the cached ones when they are the first statements of
     * {@code statements} and none of them has an effect that lives in the session; else none (a copy
     * holds everything the cached shadow ran, so it stands for a prefix only).
     */
    static int reusable(List<SqlParser.Statement> statements, List<String> chain, List<String> cached) {
        if (cached.isEmpty() || cached.size() > chain.size() || !chain.subList(0, cached.size()).equals(cached)) {
            return 0;
        }
        for (int i = 0; i < cached.size(); i++) {
            if (inSession(statements.get(i).text())) {
                return 0;
            }
        }
        return cached.size();
    }

    /** A statement that changes a session setting, to be run again before the statements after the reused part. */
    static boolean setting(String statement) {
        return SETTING.matcher(statement.strip()).find();
    }

    /** A statement whose effect lives in the session, other than a setting. */
    static boolean inSession(String statement) {
        String text = statement.strip();
        return !setting(text) && SESSION.matcher(text).find()
                || text.toLowerCase(Locale.ROOT).contains("set_config");
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
