package dev.provision.resource.schema;

import dev.provision.postgres.PostgresSession;
import dev.provision.postgres.Sql;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What provision records in each database whose schema objects it manages, in a schema of its own
 * that the comparison leaves alone: the digest of the SQL files at the last apply. With it a plan can
 * tell "the files changed" from "someone changed the database by hand" (drift).
 */
final class SchemaState {
    static final String SCHEMA = "provision";
    private static final String TABLE = Sql.ident(SCHEMA) + ".schema_state";

    private SchemaState() {}

    /** The digest recorded at the last apply, if any. */
    static Optional<String> recordedDigest(PostgresSession session) {
        List<Map<String, Object>> exists = session.query("SELECT to_regclass(?) IS NOT NULL AS present", SCHEMA + ".schema_state");
        if (exists.isEmpty() || !Boolean.TRUE.equals(exists.get(0).get("present"))) {
            return Optional.empty();
        }
        List<Map<String, Object>> rows = session.query("SELECT sql_digest FROM " + TABLE + " WHERE id = 1");
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable((String) rows.get(0).get("sql_digest"));
    }

    /** Statements that record {@code digest}, run by the admin role at the end of the apply transaction. */
    static List<String> record(String digest) {
        return List.of(
                "CREATE SCHEMA IF NOT EXISTS " + Sql.ident(SCHEMA),
                "CREATE TABLE IF NOT EXISTS " + TABLE + " (id integer PRIMARY KEY CHECK (id = 1),"
                        + " sql_digest text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
                "INSERT INTO " + TABLE + " (id, sql_digest) VALUES (1, " + Sql.literal(digest) + ")"
                        + " ON CONFLICT (id) DO UPDATE SET sql_digest = EXCLUDED.sql_digest, applied_at = now()");
    }
}
