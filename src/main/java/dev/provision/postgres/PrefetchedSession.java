package dev.provision.postgres;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A session to one database that answers the queries read ahead for it ({@link PsqlReads}) and hands
 * everything else to a real session, opened on first need. {@code SET search_path} and {@code RESET
 * search_path} are remembered rather than sent while no real session is needed, since answers were
 * read under the search_path their {@link Read} names.
 */
public final class PrefetchedSession implements PostgresSession {
    private static final Pattern SEARCH_PATH = Pattern.compile("(?i)\\s*(?:SET\\s+search_path\\s*(?:=|TO)\\s*(.+?)|RESET\\s+search_path)\\s*;?\\s*");

    private final String database;
    private final Map<String, List<Map<String, Object>>> answers;
    private final Supplier<PostgresSession> real;
    private PostgresSession opened;
    private String searchPath;

    /**
     * @param answers what was read ahead, by {@link Read#key()} (reads of other databases are ignored)
     * @param real opens the real session, when a query was not read ahead or something must be changed
     */
    public PrefetchedSession(String database, Map<String, List<Map<String, Object>>> answers, Supplier<PostgresSession> real) {
        this.database = database;
        this.answers = answers;
        this.real = real;
    }

    @Override
    public boolean isAlive() {
        return opened == null || opened.isAlive();
    }

    @Override
    public List<Map<String, Object>> query(String sql, Object... params) {
        if (opened == null) {
            List<Map<String, Object>> answer = answers.get(new Read(database, searchPath, sql, Arrays.asList(params)).key());
            if (answer != null) {
                return answer;
            }
        }
        return real().query(sql, params);
    }

    @Override
    public void executeInTransaction(List<String> statements) {
        real().executeInTransaction(statements);
    }

    @Override
    public void executeAlone(String statement) {
        Matcher path = SEARCH_PATH.matcher(statement);
        if (opened == null && path.matches()) {
            searchPath = path.group(1) == null ? null : path.group(1).strip();
            return;
        }
        real().executeAlone(statement);
    }

    @Override
    public void setPassword(String role, char[] password) {
        real().setPassword(role, password);
    }

    @Override
    public void close() {
        // the real session belongs to the sessions that opened it
    }

    /** The real session, with the search_path remembered so far. */
    private PostgresSession real() {
        if (opened == null) {
            opened = real.get();
            if (searchPath != null) {
                opened.executeAlone("SET search_path = " + searchPath);
            }
        }
        return opened;
    }
}
