package dev.provision.resource.schema;

import dev.provision.plan.PlanningFailed;
import dev.provision.inventory.Database;
import dev.provision.inventory.Extension;
import dev.provision.inventory.Schema;
import dev.provision.postgres.JdbcSession;
import dev.provision.postgres.PostgresSession;
import dev.provision.postgres.PostgresSessions;
import dev.provision.postgres.Sql;
import dev.provision.postgres.SqlFailed;
import dev.provision.postgres.SqlParser;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Builds scratch databases ("shadows") on the target server: empty but for the database's declared
 * schemas and extensions, then filled either from the SQL files, as the owning role, or with a copy of
 * another database's schema objects. Each is dropped when closed, also after a failure.
 *
 * <p>Runs never share one: names are unique per run ({@link ScratchNames}), and before its first one a
 * run's admin session takes the advisory lock that says the run is alive. Scratch databases whose run
 * holds no such lock, and that are older than a minute, were left by a killed run: they are dropped, and
 * {@code notes} says so. No run drops one that another live run uses.
 */
final class Shadows {
    private static final String HOLDS_LIVENESS = "SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted"
            + " AND pid = pg_backend_pid() AND classid = ?::int::oid AND objid = ?::int::oid AND objsubid = 2";

    private final PostgresSessions sessions;
    private final String container;
    private final SchemaDiffer differ;
    private final Consumer<String> notes;

    Shadows(PostgresSessions sessions, String container, SchemaDiffer differ, Consumer<String> notes) {
        this.sessions = sessions;
        this.container = container;
        this.differ = differ;
        this.notes = notes;
    }

    /** A scratch database; closing drops it, whatever state it is in. */
    final class Shadow implements AutoCloseable {
        private final String name;

        private Shadow(String name) {
            this.name = name;
        }

        Supplier<Connection> connector() {
            return () -> sessions.connect(container, name);
        }

        @Override
        public void close() {
            admin().executeAlone("DROP DATABASE IF EXISTS " + Sql.ident(name) + " WITH (FORCE)");
        }
    }

    /** A shadow built by running the SQL files as {@code owner} (the admin role when null). */
    Shadow fromFiles(String name, Database db, String owner, DesiredSql sql) {
        Shadow shadow = create(name, db, owner);
        try (PostgresSession session = open(shadow)) {
            if (owner != null) {
                session.executeAlone("SET ROLE " + Sql.ident(owner));
            }
            for (DesiredSql.Source file : sql.files()) {
                for (SqlParser.Statement statement : file.statements()) {
                    try {
                        session.executeAlone(statement.text());
                    } catch (SqlFailed e) {
                        throw new PlanningFailed(file.path() + ":" + statement.line() + ":" + statement.column()
                                + ": this statement fails when the SQL files are run in a scratch database"
                                + (owner == null ? "" : " as " + owner) + ": " + rootMessage(e)
                                + "; fix the file (the files run in the order the inventory lists them)");
                    }
                }
            }
        } catch (RuntimeException e) {
            shadow.close();
            throw e;
        }
        return shadow;
    }

    /**
     * A shadow holding a copy of {@code source}'s objects in {@code schemas}, as the differ writes them,
     * then changed by {@code then} (pending migrations), all as {@code owner}.
     */
    Shadow copyOf(String name, Database db, String owner, Supplier<Connection> source, Set<String> schemas,
            List<String> then) {
        Shadow shadow = create(name, db, owner);
        try (PostgresSession session = open(shadow)) {
            List<String> all = new java.util.ArrayList<>();
            if (owner != null) {
                all.add("SET LOCAL ROLE " + Sql.ident(owner));
            }
            all.addAll(differ.diff(shadow.connector(), source, schemas));
            if (!then.isEmpty()) {
                all.add("RESET search_path");
                all.addAll(then);
            }
            session.executeInTransaction(all);
        } catch (RuntimeException e) {
            shadow.close();
            throw e;
        }
        return shadow;
    }

    /** The schemas holding the shadow's objects, besides {@code public} when it is empty. */
    Set<String> schemas(Shadow shadow) {
        try (PostgresSession session = open(shadow)) {
            return Set.copyOf(session.query("SELECT n.nspname FROM pg_namespace n"
                    + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', ?)"
                    + " AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'"
                    + " AND (n.nspname <> 'public' OR EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = n.oid)"
                    + " OR EXISTS (SELECT 1 FROM pg_proc p WHERE p.pronamespace = n.oid))", SchemaState.SCHEMA)
                    .stream().map(row -> (String) row.get("nspname")).toList());
        }
    }

    private Shadow create(String name, Database db, String owner) {
        PostgresSession admin = admin();
        claim(admin);
        List<Map<String, Object>> live = admin.query("SELECT pg_encoding_to_char(encoding) AS encoding, datcollate, datctype"
                + " FROM pg_database WHERE datname = ?", db.name());
        admin.executeAlone("DROP DATABASE IF EXISTS " + Sql.ident(name) + " WITH (FORCE)");
        StringBuilder create = new StringBuilder("CREATE DATABASE " + Sql.ident(name) + " TEMPLATE template0");
        if (owner != null) {
            create.append(" OWNER ").append(Sql.ident(owner));
        }
        if (!live.isEmpty()) {
            create.append(" ENCODING ").append(Sql.literal((String) live.get(0).get("encoding")))
                    .append(" LC_COLLATE ").append(Sql.literal((String) live.get(0).get("datcollate")))
                    .append(" LC_CTYPE ").append(Sql.literal((String) live.get(0).get("datctype")));
        }
        admin.executeAlone(create.toString());
        Shadow shadow = new Shadow(name);
        try (PostgresSession session = open(shadow)) {
            for (Schema schema : db.schemas().values()) {
                String schemaOwner = schema.owner() != null ? schema.owner() : owner;
                session.executeAlone("CREATE SCHEMA IF NOT EXISTS " + Sql.ident(schema.name())
                        + (schemaOwner == null ? "" : " AUTHORIZATION " + Sql.ident(schemaOwner)));
            }
            for (Extension extension : db.extensions().values()) {
                session.executeAlone("CREATE EXTENSION IF NOT EXISTS " + Sql.ident(extension.name())
                        + (extension.schema() == null ? "" : " SCHEMA " + Sql.ident(extension.schema()))
                        + (extension.version() == null ? "" : " VERSION " + Sql.literal(extension.version())));
            }
        } catch (RuntimeException e) {
            shadow.close();
            throw e;
        }
        return shadow;
    }

    /**
     * Makes {@code admin}'s session hold this run's liveness lock (once: advisory locks stack), then drops
     * the scratch databases of runs that are gone.
     */
    private void claim(PostgresSession admin) {
        if (admin.query(HOLDS_LIVENESS, ScratchNames.LIVENESS_KEY, ScratchNames.RUN_ID).isEmpty()) {
            admin.query("SELECT pg_advisory_lock_shared(?, ?)", ScratchNames.LIVENESS_KEY, ScratchNames.RUN_ID);
        }
        Set<Long> live = admin.query("SELECT objid::text AS run FROM pg_locks WHERE locktype = 'advisory' AND granted"
                        + " AND classid = ?::int::oid AND objsubid = 2", ScratchNames.LIVENESS_KEY)
                .stream().map(row -> Long.parseLong((String) row.get("run"))).collect(java.util.stream.Collectors.toSet());
        Instant now = Instant.now();
        for (Map<String, Object> row : admin.query("SELECT datname FROM pg_database WHERE datname LIKE 'provision\\_shadow\\_%'")) {
            String name = (String) row.get("datname");
            Optional<ScratchNames.Owner> made = ScratchNames.owner(name);
            if (made.isEmpty() || made.get().thisRun() || live.contains((long) made.get().runId())
                    || made.get().created().isAfter(now.minus(ScratchNames.GRACE))) {
                continue;
            }
            admin.executeAlone("DROP DATABASE IF EXISTS " + Sql.ident(name) + " WITH (FORCE)");
            notes.accept("container " + container + ": dropped scratch database " + name + ", left by a run that no longer exists"
                    + (made.get().created().equals(Instant.EPOCH) ? " (an older version of provision)"
                            : " (created " + Duration.between(made.get().created(), now).toMinutes() + " min ago)"));
        }
    }

    private PostgresSession open(Shadow shadow) {
        return new JdbcSession(sessions.connect(container, shadow.name), container + "/" + shadow.name, null);
    }

    private PostgresSession admin() {
        return sessions.open(container, null);
    }

    private static String rootMessage(SqlFailed e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return cause.getMessage().replaceFirst("^ERROR: ", "").lines().findFirst().orElse("");
    }
}
