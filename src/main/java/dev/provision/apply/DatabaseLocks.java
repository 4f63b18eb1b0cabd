package dev.provision.apply;

import dev.provision.postgres.PostgresSession;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A PostgreSQL advisory lock in every database that apply changes, taken before its first statement
 * and held by the session until the run ends: two runs that reach the same database (the host lock
 * released by hand under a live run, say) never interleave their changes. Advisory locks are scoped
 * to the database they are taken in, so one pair of keys serves every database.
 */
final class DatabaseLocks {
    /** "prov" as an int, then the lock's purpose: changes made by apply. */
    static final int OWNER_KEY = 0x70726f76;
    static final int APPLY_KEY = 1;
    private static final Duration POLL = Duration.ofMillis(500);

    /** Sessions of this run that hold the lock; containers are applied in parallel, one lane each. */
    private final Set<PostgresSession> held = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private final Duration wait;

    DatabaseLocks(Duration wait) {
        this.wait = wait;
    }

    /**
     * Takes the lock in {@code session}'s database unless this run holds it there already; waits up to
     * the configured time for another holder, then fails naming it.
     */
    void acquire(PostgresSession session, String where) {
        if (held.contains(session)) {
            return;
        }
        Instant deadline = Instant.now().plus(wait);
        while (!tryLock(session)) {
            if (Instant.now().isAfter(deadline)) {
                throw new StepFailed(where + ": another session is changing this database (" + holder(session)
                        + "), still after " + wait.toSeconds() + "s; nothing was changed in it. Wait for that run to"
                        + " finish and apply again; if it is stuck, end it on the server with"
                        + " SELECT pg_terminate_backend(PID) for the PID above");
            }
            sleep();
        }
        held.add(session);
    }

    private static boolean tryLock(PostgresSession session) {
        List<Map<String, Object>> rows = session.query("SELECT pg_try_advisory_lock(?, ?) AS locked", OWNER_KEY, APPLY_KEY);
        return Boolean.TRUE.equals(rows.get(0).get("locked"));
    }

    private static String holder(PostgresSession session) {
        List<Map<String, Object>> rows = session.query("""
                SELECT a.pid, a.application_name, a.client_addr::text AS client, a.backend_start::text AS since
                FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ?::int::oid AND l.objid = ?::int::oid
                  AND l.objsubid = 2 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """, OWNER_KEY, APPLY_KEY);
        if (rows.isEmpty()) {
            return "its holder has just left";
        }
        Map<String, Object> row = rows.get(0);
        return "PID " + row.get("pid") + ", application '" + row.get("application_name") + "' from "
                + (row.get("client") == null ? "a local socket" : row.get("client")) + ", connected since " + row.get("since");
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailed("interrupted while waiting for a database lock");
        }
    }
}
