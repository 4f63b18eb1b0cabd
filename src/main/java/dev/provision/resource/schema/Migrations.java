package dev.provision.resource.schema;

import dev.provision.plan.PlanningFailed;
import dev.provision.inventory.SqlFile;
import dev.provision.postgres.PostgresSession;
import dev.provision.postgres.Read;
import dev.provision.postgres.Sql;
import dev.provision.postgres.SqlParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ordered migrations of one database: each runs once, its checksum recorded in the database, and
 * an applied file that has been edited since is refused (its edit would never run anywhere it already
 * ran). A new database records them all as applied without running them: its schema comes from the
 * SQL files, which already describe the result.
 */
final class Migrations {
    private static final String TABLE = Sql.ident(SchemaState.SCHEMA) + ".migrations";
    private static final String APPLIED = "SELECT path, checksum FROM " + TABLE;

    /** One migration file: its path as the inventory writes it, its checksum and its statements. */
    record Migration(String path, String checksum, List<String> statements) {}

    private Migrations() {}

    static List<Migration> read(Path baseDir, List<SqlFile> files) {
        List<Migration> migrations = new ArrayList<>();
        for (SqlFile file : files) {
            try {
                String text = Files.readString(baseDir.resolve(file.path()), StandardCharsets.UTF_8);
                migrations.add(new Migration(file.path(), sha256(text),
                        DesiredSql.statements(file, text).stream().map(SqlParser.Statement::text).toList()));
            } catch (IOException e) {
                throw new PlanningFailed(file.at() + ": cannot read migration " + file.path() + ": " + e.getMessage());
            }
        }
        return migrations;
    }

    /** The migrations not applied yet, in order; refuses an applied one whose file changed since. */
    static List<Migration> pending(PostgresSession session, List<Migration> all, String where) {
        Map<String, String> applied = applied(session);
        List<Migration> pending = new ArrayList<>();
        for (Migration migration : all) {
            String recorded = applied.get(migration.path());
            if (recorded == null) {
                pending.add(migration);
            } else if (!recorded.equals(migration.checksum())) {
                throw new PlanningFailed(where + ": migration " + migration.path() + " was applied, and its file has"
                        + " changed since (checksum " + recorded.substring(0, 12) + " then, " + migration.checksum().substring(0, 12)
                        + " now); restore the file as it was applied, and put the new change in a new migration");
            }
        }
        return pending;
    }

    /** Statements that record {@code migration} as applied, run as the admin role in the migration's transaction. */
    static List<String> record(Migration migration) {
        return List.of(
                "CREATE SCHEMA IF NOT EXISTS " + Sql.ident(SchemaState.SCHEMA),
                "CREATE TABLE IF NOT EXISTS " + TABLE + " (path text PRIMARY KEY, checksum text NOT NULL,"
                        + " applied_at timestamptz NOT NULL DEFAULT now())",
                "INSERT INTO " + TABLE + " (path, checksum) VALUES (" + Sql.literal(migration.path()) + ", "
                        + Sql.literal(migration.checksum()) + ")");
    }

    /** The reads {@link #pending} makes in {@code database}, to declare them ahead. */
    static List<Read> reads(String database) {
        return List.of(Read.of(database, SchemaState.PRESENT, SchemaState.SCHEMA + ".migrations"), Read.of(database, APPLIED).ifExists(SchemaState.SCHEMA + ".migrations"));
    }

    private static Map<String, String> applied(PostgresSession session) {
        Map<String, String> applied = new LinkedHashMap<>();
        List<Map<String, Object>> exists = session.query(SchemaState.PRESENT, SchemaState.SCHEMA + ".migrations");
        if (exists.isEmpty() || !Boolean.TRUE.equals(exists.get(0).get("present"))) {
            return applied;
        }
        for (Map<String, Object> row : session.query(APPLIED)) {
            applied.put((String) row.get("path"), (String) row.get("checksum"));
        }
        return applied;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
