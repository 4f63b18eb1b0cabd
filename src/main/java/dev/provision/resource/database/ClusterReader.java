package dev.provision.resource.database;

import dev.provision.transport.ScriptResource;
import dev.provision.postgres.PostgresSession;
import dev.provision.postgres.Read;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/** Reads a server's roles, memberships and databases in a few batched queries. Reading changes nothing. */
final class ClusterReader {
    private static final String ROLES = ScriptResource.load(ClusterReader.class, "read-roles.sql");
    private static final String DATABASES = ScriptResource.load(ClusterReader.class, "read-databases.sql");
    private static final String VALID_UNTIL =
            "SELECT v AS value, extract(epoch FROM v::timestamptz)::text AS epoch FROM unnest(?::text[]) AS v";

    /** The reads {@link #read} makes, to declare them ahead. */
    static List<Read> reads(Collection<String> validUntil) {
        List<Read> reads = new java.util.ArrayList<>(List.of(Read.of("postgres", ROLES), Read.of("postgres", DATABASES)));
        reads.addAll(Ownership.reads());
        if (!validUntil.isEmpty()) {
            reads.add(Read.of("postgres", VALID_UNTIL, (Object) validUntil.toArray(String[]::new)));
        }
        return reads;
    }

    /** Reads through the maintenance database's session; {@code validUntil} are the inventory's expiry times. */
    ClusterState read(PostgresSession session, Collection<String> validUntil) {
        Map<String, RoleState> roles = new HashMap<>();
        for (Map<String, Object> row : session.query(ROLES)) {
            String name = (String) row.get("name");
            roles.put(name, new RoleState(name, bool(row, "superuser"), bool(row, "login"), bool(row, "createdb"),
                    bool(row, "createrole"), bool(row, "replication"), ((Number) row.get("connection_limit")).intValue(),
                    (String) row.get("valid_until"), new HashSet<>(strings(row.get("member_of"))), strings(row.get("owns_in")),
                    strings(row.get("privileges_in")),
                    roleSettings(strings(row.get("settings")), strings(row.get("setting_databases")))));
        }
        Map<String, DatabaseState> databases = new HashMap<>();
        for (Map<String, Object> row : session.query(DATABASES)) {
            String name = (String) row.get("name");
            databases.put(name, new DatabaseState(name, (String) row.get("owner"), (String) row.get("encoding"),
                    (String) row.get("collation"), (String) row.get("ctype"),
                    ((Number) row.get("connection_limit")).intValue(), settings(strings(row.get("settings")))));
        }
        Owned owned = Ownership.read(session);
        Map<String, String> epochs = new HashMap<>();
        if (!validUntil.isEmpty()) {
            for (Map<String, Object> row : session.query(VALID_UNTIL, (Object) validUntil.toArray(String[]::new))) {
                epochs.put((String) row.get("value"), (String) row.get("epoch"));
            }
        }
        return new ClusterState(roles, databases, epochs, owned);
    }

    /** The role's {@code name=value} entries by database, from the two parallel arrays of read-roles.sql. */
    private static Map<String, List<String>> roleSettings(List<String> entries, List<String> databases) {
        Map<String, List<String>> byDatabase = new java.util.TreeMap<>();
        for (int i = 0; i < entries.size() && i < databases.size(); i++) {
            byDatabase.computeIfAbsent(databases.get(i), d -> new java.util.ArrayList<>()).add(entries.get(i));
        }
        return byDatabase;
    }

    /** {@code name=value} entries as {@code setconfig} stores them. */
    private static Map<String, String> settings(List<String> entries) {
        Map<String, String> settings = new HashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                settings.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return settings;
    }

    private static boolean bool(Map<String, Object> row, String column) {
        return Boolean.TRUE.equals(row.get(column));
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object value) {
        return value == null ? List.of() : (List<String>) value;
    }
}
