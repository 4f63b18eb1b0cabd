package dev.provision.resource.database;

import dev.provision.postgres.PostgresSession;
import dev.provision.postgres.Read;
import dev.provision.postgres.Sql;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where provision records what it created on a server: the table {@code provision.owned} in the
 * server's {@code postgres} database, one row per role, database, per-database setting, schema and
 * extension. Rows are written by the change that creates the object (or by an adoption change for a
 * declared object that already existed) and deleted by the change that removes it.
 */
final class Ownership {
    static final String RELATION = "provision.owned";
    private static final String TABLE = Sql.ident("provision") + "." + Sql.ident("owned");
    private static final String PRESENT = "SELECT to_regclass(?) IS NOT NULL AS present";
    private static final String OWNED = "SELECT kind, database, name FROM " + TABLE;

    private Ownership() {}

    /** The reads {@link #read} makes in the maintenance database, to declare them ahead. */
    static List<Read> reads() {
        return List.of(Read.of("postgres", PRESENT, RELATION), Read.of("postgres", OWNED).ifExists(RELATION));
    }

    /** What is recorded; nothing when the table does not exist (a new server, or one from before ownership was recorded). */
    static Owned read(PostgresSession maintenance) {
        List<Map<String, Object>> exists = maintenance.query(PRESENT, RELATION);
        if (exists.isEmpty() || !Boolean.TRUE.equals(exists.get(0).get("present"))) {
            return Owned.none();
        }
        Set<Owned.Entry> entries = new HashSet<>();
        for (Map<String, Object> row : maintenance.query(OWNED)) {
            Owned.Kind kind = Owned.Kind.of((String) row.get("kind"));
            if (kind != null) {
                entries.add(new Owned.Entry(kind, (String) row.get("database"), (String) row.get("name")));
            }
        }
        return new Owned(entries);
    }

    /** Statements, for the maintenance database, that record {@code entries} as provision's (one transaction). */
    static List<String> record(Collection<Owned.Entry> entries) {
        return List.of("CREATE SCHEMA IF NOT EXISTS " + Sql.ident("provision"),
                "CREATE TABLE IF NOT EXISTS " + TABLE + " (kind text NOT NULL, database text NOT NULL, name text NOT NULL,"
                        + " recorded_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (kind, database, name))",
                "INSERT INTO " + TABLE + " (kind, database, name) VALUES "
                        + entries.stream().map(Ownership::row).collect(Collectors.joining(", ")) + " ON CONFLICT DO NOTHING");
    }

    /** A statement, for the maintenance database, that forgets {@code entry}; for a database, everything recorded in it too. */
    static String forget(Owned.Entry entry) {
        String where = "kind = " + Sql.literal(entry.kind().id()) + " AND database = " + Sql.literal(entry.database())
                + " AND name = " + Sql.literal(entry.name());
        if (entry.kind() == Owned.Kind.DATABASE) {
            where = "(" + where + ") OR database = " + Sql.literal(entry.name());
        }
        return "DELETE FROM " + TABLE + " WHERE " + where;
    }

    private static String row(Owned.Entry entry) {
        return "(" + Sql.literal(entry.kind().id()) + ", " + Sql.literal(entry.database()) + ", " + Sql.literal(entry.name()) + ")";
    }
}
