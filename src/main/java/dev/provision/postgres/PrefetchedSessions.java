package dev.provision.postgres;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One server's sessions for one plan: each answers what was read ahead for its database
 * ({@link PrefetchedSession}) and opens the real one from {@code real} only when it must.
 * Closing leaves the real sessions open: they belong to {@code real}.
 */
public final class PrefetchedSessions implements PostgresSessions {
    private final PostgresSessions real;
    private final Map<String, List<Map<String, Object>>> answers;
    private final Map<String, PrefetchedSession> open = new HashMap<>();

    /** @param answers what was read ahead, by {@link Read#key()} */
    public PrefetchedSessions(PostgresSessions real, Map<String, List<Map<String, Object>>> answers) {
        this.real = real;
        this.answers = answers;
    }

    @Override
    public synchronized PostgresSession open(String container, String database) {
        String db = database == null ? "postgres" : database;
        return open.computeIfAbsent(container + "/" + db,
                key -> new PrefetchedSession(db, answers, () -> real.open(container, database)));
    }

    @Override
    public java.sql.Connection connect(String container, String database) {
        return real.connect(container, database);
    }

    @Override
    public void close() {
        // the real sessions outlive one plan
    }
}
