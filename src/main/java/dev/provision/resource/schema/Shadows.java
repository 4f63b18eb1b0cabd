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

    /**
     * A scratch database; closing drops it, whatever state it is in. A shadow of the desired state
     * instead becomes the cached one when it was built completely ({@link DesiredStateCache}), and the
     * cached one itself is only let go: a run holds a connection to it while it reads it, so no other
     * run drops or replaces it meanwhile.
     */
    final class Shadow implements AutoCloseable {
        private final String name;
        private final Connection guard;
        private String cacheAs;
        private String comment;

        private Shadow(String name) {
            this(name, null);
        }

        private Shadow(String name, Connection guard) {
            this.name = name;
            this.guard = guard;
        }

        Supplier<Connection> connector() {
            return () -> sessions.connect(container, name);
        }

        /** Whether this is the cached shadow, used as it is. */
        boolean cached() {
            return guard != null;
        }

        @Override
        public void close() {
            if (guard != null) {
                try {
                    guard.close();
                } catch (java.sql.SQLException e) {
                    // the server ends the session anyway
                }
                return;
            }
            if (cacheAs != null && keep()) {
                return;
            }
            admin().executeAlone("DROP DATABASE IF EXISTS " + Sql.ident(name) + " WITH (FORCE)");
        }

        /** Makes this shadow the cached one, replacing an older one no run reads; false if it cannot. */
        private boolean keep() {
            PostgresSession admin = admin();
            try {
                admin.executeAlone("COMMENT ON DATABASE " + Sql.ident(name) + " IS " + Sql.literal(comment));
                admin.executeAlone("DROP DATABASE IF EXISTS " + Sql.ident(cacheAs)); // not FORCE: another run may read it
                admin.executeAlone("ALTER DATABASE " + Sql.ident(name) + " RENAME TO " + Sql.ident(cacheAs));
                return true;
            } catch (SqlFailed e) {
                return false; // in use by another run, or another run kept its own first: this one is dropped
            }
        }
    }

    /** A shadow built by running the SQL files as {@code owner} (the admin role when null). */
    Shadow fromFiles(String name, Database db, String owner, DesiredSql sql) {
        Shadow shadow = create(name, db, owner);
        try {
            run(shadow, owner, sql, 0);
        } catch (RuntimeException e) {
            shadow.close();
            throw e;
        }
        return shadow;
    }

    /**
     * The shadow of the SQL files' desired state, through the cache {@code cache}: the cached shadow
     * itself when it ran exactly these statements in the same context; else a copy of it that runs
     * only the statements after the part it shares with them; else one built from the files. What
     * is built becomes the cached shadow when closed.
     */
    Shadow desired(String name, String cache, Database db, String owner, DesiredSql sql) {
        PostgresSession admin = admin();
        claim(admin);
        String context = context(admin, db, owner);
        List<SqlParser.Statement> statements = sql.files().stream().flatMap(f -> f.statements().stream()).toList();
        List<String> chain = DesiredStateCache.chain(statements);
        Optional<DesiredStateCache.Entry> cached = cached(admin, cache).filter(entry -> entry.context().equals(context));
        if (cached.isPresent() && cached.get().chain().equals(chain)) {
            Optional<Shadow> hit = reuse(admin, cache, cached.get());
            if (hit.isPresent()) {
                return hit.get();
            }
        }
        int reused = cached.map(entry -> DesiredStateCache.reusable(statements, chain, entry.chain())).orElse(0);
        Shadow shadow = reused > 0 ? copy(name, cache, owner).orElse(null) : null;
        if (shadow == null) {
            reused = 0;
            shadow = create(name, db, owner);
        }
        try {
            run(shadow, owner, sql, reused);
        } catch (RuntimeException e) {
            shadow.close();
            throw e;
        }
        shadow.cacheAs = cache;
        shadow.comment = new DesiredStateCache.Entry(context, chain).comment();
        return shadow;
    }

    /** The cached shadow, held by a connection, if it still records {@code entry} once held. */
    private Optional<Shadow> reuse(PostgresSession admin, String cache, DesiredStateCache.Entry entry) {
        Connection guard;
        try {
            guard = sessions.connect(container, cache);
        } catch (RuntimeException e) {
            return Optional.empty(); // dropped or replaced by another run since it was read
        }
        if (cached(admin, cache).equals(Optional.of(entry))) {
            return Optional.of(new Shadow(cache, guard));
        }
        try {
            guard.close();
        } catch (java.sql.SQLException e) {
            // the server ends the session anyway
        }
        return Optional.empty();
    }

    /** A scratch copy of the cached shadow, or empty when the server cannot copy it now (another run reads it). */
    private Optional<Shadow> copy(String name, String cache, String owner) {
        PostgresSession admin = admin();
        admin.executeAlone("DROP DATABASE IF EXISTS " + Sql.ident(name) + " WITH (FORCE)");
        try {
            admin.executeAlone("CREATE DATABASE " + Sql.ident(name) + " TEMPLATE " + Sql.ident(cache)
                    + (owner == null ? "" : " OWNER " + Sql.ident(owner)));
            return Optional.of(new Shadow(name));
        } catch (SqlFailed e) {
            return Optional.empty();
        }
    }

    private static Optional<DesiredStateCache.Entry> cached(PostgresSession admin, String cache) {
        List<Map<String, Object>> rows = admin.query("SELECT shobj_description(oid, 'pg_database') AS comment"
                + " FROM pg_database WHERE datname = ?", cache);
        return rows.isEmpty() ? Optional.empty() : DesiredStateCache.Entry.parse((String) rows.get(0).get("comment"));
    }

    /** What a shadow of {@code db} depends on besides its statements. */
    private static String context(PostgresSession admin, Database db, String owner) {
        List<Map<String, Object>> live = admin.query("SELECT current_setting('server_version_num') AS version,"
                + " pg_encoding_to_char(encoding) AS encoding, datcollate, datctype FROM pg_database WHERE datname = ?", db.name());
        Map<String, Object> row = live.isEmpty() ? Map.of() : live.get(0);
        return DesiredStateCache.context(String.valueOf(row.get("version")), String.valueOf(row.get("encoding")),
                String.valueOf(row.get("datcollate")), String.valueOf(row.get("datctype")), owner,
                db.schemas().values().stream().map(s -> s.name() + ":" + s.owner()).sorted().toList(),
                db.extensions().values().stream().map(e -> e.name() + ":" + e.schema() + ":" + e.version()).sorted().toList());
    }

    /**
     * Runs the files' statements from the {@code from}-th on in {@code shadow}, as {@code owner}; the
     * settings among the ones before are run again first.
     */
    private void run(Shadow shadow, String owner, DesiredSql sql, int from) {
        try (PostgresSession session = open(shadow)) {
            // a scratch database outlives no crash: its commits need not wait for the disk
            session.executeAlone("SET synchronous_commit TO off");
            if (owner != null) {
                session.executeAlone("SET ROLE " + Sql.ident(owner));
            }
            int index = 0;
            for (DesiredSql.Source file : sql.files()) {
                for (SqlParser.Statement statement : file.statements()) {
                    if (index++ < from && !DesiredStateCache.setting(statement.text())) {
                        continue;
                    }
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
            // the comparison reads the catalogs next: plans over template-sized statistics go quadratic
            session.executeAlone("RESET ROLE");
            session.executeAlone("ANALYZE " + String.join(", ", CatalogStatistics.CATALOGS.stream().map(c -> "pg_catalog." + c).toList()));
        }
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
