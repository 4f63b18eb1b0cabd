package dev.provision.resource.schema;

import dev.provision.postgres.PostgresSession;
import dev.provision.postgres.Read;
import dev.provision.postgres.Sql;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What provision records in each database whose schema objects it manages, in a schema of its own
 * that the comparison leaves alone: the digest of the SQL files and the {@link CatalogDigest} of the
 * database at the last apply. With them a plan tells "the files changed" from "someone changed the
 * database by hand" (drift), and skips the shadow comparison when neither changed.
 */
final class SchemaState {
    static final String SCHEMA = "provision";
    private static final String TABLE = Sql.ident(SCHEMA) + ".schema_state";
    /** Whether a table exists; its parameter is the table's qualified name. */
    static final String PRESENT = "SELECT to_regclass(?) IS NOT NULL AS present";
    private static final String RECORDED = "SELECT sql_digest, catalog_digest FROM " + TABLE + " WHERE id = 1";
    private static final String CATALOG_PATH = "pg_catalog";

    /** The digests recorded at the last apply. */
    record Recorded(String sqlDigest, String catalogDigest) {}

    private SchemaState() {}

    static Optional<Recorded> read(PostgresSession session) {
        List<Map<String, Object>> exists = session.query(PRESENT, SCHEMA + ".schema_state");
        if (exists.isEmpty() || !Boolean.TRUE.equals(exists.get(0).get("present"))) {
            return Optional.empty();
        }
        List<Map<String, Object>> rows = session.query(RECORDED);
        return rows.isEmpty() ? Optional.empty()
                : Optional.of(new Recorded((String) rows.get(0).get("sql_digest"), (String) rows.get(0).get("catalog_digest")));
    }

    /** The reads {@link #read} and {@link #catalogDigest} make in {@code database}, to declare them ahead. */
    static List<Read> reads(String database) {
        return List.of(Read.of(database, PRESENT, SCHEMA + ".schema_state"), Read.of(database, RECORDED).ifExists(SCHEMA + ".schema_state"),
                Read.of(database, CatalogDigest.QUERY).withSearchPath(CATALOG_PATH));
    }

    /** The live database's catalog digest, read with the search_path the apply records it with. */
    static String catalogDigest(PostgresSession session) {
        session.executeAlone("SET search_path = " + CATALOG_PATH);
        try {
            return (String) session.query(CatalogDigest.QUERY).get(0).get("digest");
        } finally {
            session.executeAlone("RESET search_path");
        }
    }

    /** Statements that record {@code sqlDigest} and the catalog's digest, run as the admin role at the end of the apply transaction. */
    static List<String> record(String sqlDigest) {
        return List.of(
                "CREATE SCHEMA IF NOT EXISTS " + Sql.ident(SCHEMA),
                "CREATE TABLE IF NOT EXISTS " + TABLE + " (id integer PRIMARY KEY CHECK (id = 1),"
                        + " sql_digest text NOT NULL, catalog_digest text NOT NULL, applied_at timestamptz NOT NULL)",
                "SET LOCAL search_path = pg_catalog",
                "INSERT INTO " + TABLE + " (id, sql_digest, catalog_digest, applied_at) SELECT 1, " + Sql.literal(sqlDigest)
                        + ", digest, now() FROM (" + CatalogDigest.QUERY + ") catalog"
                        + " ON CONFLICT (id) DO UPDATE SET sql_digest = EXCLUDED.sql_digest,"
                        + " catalog_digest = EXCLUDED.catalog_digest, applied_at = EXCLUDED.applied_at");
    }
}
