package dev.provision.resource.schema;

import dev.provision.inventory.Database;
import dev.provision.plan.Action;
import dev.provision.plan.Cause;
import dev.provision.plan.Hazard;
import dev.provision.plan.Note;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.ResourceAddress;
import dev.provision.postgres.PostgresSession;
import dev.provision.postgres.PostgresSessions;
import dev.provision.postgres.Read;
import dev.provision.postgres.SqlParser;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Plans the schema objects of one database. A database that does not exist yet gets its SQL files
 * run as they are. An existing one whose files and catalog are both as the last apply left them, with
 * no pending migration, has nothing to do. Otherwise it is compared with a shadow built from the
 * files; when they differ in more than additions ({@link PureAdditions}), which may be only in how
 * PostgreSQL prints an expression back (an IN list comes back as {@code = ANY (ARRAY...)}), or when
 * migrations are pending, both sides are copied once more through the differ (the live copy with the
 * pending migrations run in it), so that the same printing applies to both, and compared again.
 */
final class ObjectsPlanner {
    private static final String EXISTS = "SELECT 1 FROM pg_database WHERE datname = ?";

    private final SchemaDiffer differ;
    private final HazardDetector hazards;
    private final TableFactsReader facts = new TableFactsReader();
    private final Consumer<Note> notes;
    private final boolean cache;

    /**
     * @param notes told what the user should know of, such as a killed run's scratch database dropped
     * @param cache whether the shadow of the files' desired state is kept on the server and reused ({@link DesiredStateCache})
     */
    ObjectsPlanner(SchemaDiffer differ, HazardDetector hazards, Consumer<Note> notes, boolean cache) {
        this.differ = differ;
        this.hazards = hazards;
        this.notes = notes;
        this.cache = cache;
    }

    Optional<PlannedChange> plan(String host, String container, Database db, Path baseDir, PostgresSessions sessions,
            ResourceAddress address) {
        DesiredSql sql = DesiredSql.read(baseDir, db.sql());
        List<Migrations.Migration> migrations = Migrations.read(baseDir, db.migrations());
        if (sql.files().isEmpty()) {
            return migrationsOnly(host, container, db, migrations, sessions, address);
        }
        if (sessions == null || !exists(sessions.open(container, null), db.name())) {
            List<String> statements = sql.files().stream().flatMap(f -> f.statements().stream())
                    .map(SqlParser.Statement::text).toList();
            return Optional.of(new PlannedChange(address, Action.CREATE, Cause.INVENTORY,
                    "new database: run " + String.join(", ", sql.paths()) + " as " + owner(db)
                            + (migrations.isEmpty() ? "" : "; record its migrations as applied without running them"),
                    List.of(), List.of(),
                    SchemaSteps.steps(host, container, db.name(), db.owner(), List.of(), migrations, statements, sql.digest())));
        }
        PostgresSession live = sessions.open(container, db.name());
        List<Migrations.Migration> pending = Migrations.pending(live, migrations, address.toString());
        Optional<SchemaState.Recorded> recorded = SchemaState.read(live);
        boolean filesUnchanged = recorded.map(r -> r.sqlDigest().equals(sql.digest())).orElse(false);
        if (pending.isEmpty() && filesUnchanged && recorded.get().catalogDigest().equals(SchemaState.catalogDigest(live))) {
            return Optional.empty(); // neither the files nor the catalog changed since the last apply
        }
        List<String> ddl = ConcurrentIndexes.restore(compare(sessions, container, db, sql, pending), sql);
        if (ddl.isEmpty() && pending.isEmpty()) {
            return Optional.empty();
        }
        List<String> migrationSql = pending.stream().flatMap(m -> m.statements().stream()).toList();
        List<String> all = new ArrayList<>(migrationSql);
        all.addAll(ddl);
        Map<String, TableFacts> tables = facts.read(live, HazardDetector.tablesToRead(all));
        List<Hazard> found = hazards.detect(all, tables);
        List<Hazard> refusable = found.stream().filter(h -> !db.allow().contains(h.kind())).toList();
        List<String> allowed = found.stream().filter(h -> db.allow().contains(h.kind())).map(Hazard::toString).toList();
        String summary = (pending.isEmpty() ? "" : "run migrations " + String.join(", ", pending.stream().map(Migrations.Migration::path).toList()) + "; ")
                + (ddl.isEmpty() ? "no other difference"
                        : "the database differs from " + String.join(", ", sql.paths())
                                + (filesUnchanged ? ", which are unchanged since the last apply (drift)" : ""))
                + (allowed.isEmpty() ? "" : "; allowed by the inventory: " + String.join("; ", allowed));
        return Optional.of(new PlannedChange(address, Action.UPDATE,
                filesUnchanged && pending.isEmpty() ? Cause.DRIFT : Cause.INVENTORY, summary, List.of(), refusable,
                SchemaSteps.steps(host, container, db.name(), db.owner(), pending, List.of(), ddl, sql.digest())));
    }

    /** A database whose schema is managed by migrations alone: nothing to compare, only what has not run yet. */
    private Optional<PlannedChange> migrationsOnly(String host, String container, Database db,
            List<Migrations.Migration> migrations, PostgresSessions sessions, ResourceAddress address) {
        boolean fresh = sessions == null || !exists(sessions.open(container, null), db.name());
        List<Migrations.Migration> pending = fresh ? migrations
                : Migrations.pending(sessions.open(container, db.name()), migrations, address.toString());
        if (pending.isEmpty()) {
            return Optional.empty();
        }
        List<Hazard> found = fresh ? List.of() : hazards.detect(
                pending.stream().flatMap(m -> m.statements().stream()).toList(),
                facts.read(sessions.open(container, db.name()),
                        HazardDetector.tablesToRead(pending.stream().flatMap(m -> m.statements().stream()).toList())));
        return Optional.of(new PlannedChange(address, fresh ? Action.CREATE : Action.UPDATE, Cause.INVENTORY,
                "run migrations " + String.join(", ", pending.stream().map(Migrations.Migration::path).toList()),
                List.of(), found.stream().filter(h -> !db.allow().contains(h.kind())).toList(),
                SchemaSteps.migrations(host, container, db.name(), db.owner(), pending)));
    }

    private List<String> compare(PostgresSessions sessions, String container, Database db, DesiredSql sql,
            List<Migrations.Migration> pending) {
        Shadows shadows = new Shadows(sessions, container, differ, text -> notes.accept(new Note(
                Note.Kind.SCRATCH_DATABASE_DROPPED, text, null, ResourceAddress.of("containers", container, "postgres").path(), null, null)));
        String hash = shortHash(container + "/" + db.name());
        String base = ScratchNames.of(hash, java.time.Instant.now());
        Supplier<Connection> live = () -> sessions.connect(container, db.name());
        try (Shadows.Shadow desired = cache ? shadows.desired(base, DesiredStateCache.name(hash), db, db.owner(), sql)
                : shadows.fromFiles(base, db, db.owner(), sql)) {
            Set<String> schemas = new TreeSet<>(shadows.schemas(desired));
            schemas.addAll(db.schemas().keySet());
            if (pending.isEmpty()) {
                List<String> direct = differ.diff(live, desired.connector(), schemas);
                if (PureAdditions.only(direct)) {
                    return direct; // nothing that differs only in how it was printed back
                }
            }
            List<String> migrations = pending.stream().flatMap(m -> m.statements().stream()).toList();
            try (Shadows.Shadow printedDesired = shadows.copyOf(base + "_d", db, db.owner(), desired.connector(), schemas, List.of());
                    Shadows.Shadow printedLive = shadows.copyOf(base + "_l", db, db.owner(), live, schemas, migrations)) {
                return differ.diff(printedLive.connector(), printedDesired.connector(), schemas);
            }
        }
    }

    private static boolean exists(PostgresSession admin, String database) {
        return !admin.query(EXISTS, database).isEmpty();
    }

    /** The reads a plan of {@code db} makes when nothing changed, to declare them ahead ({@link Read}). */
    static List<Read> reads(Database db) {
        List<Read> reads = new ArrayList<>(List.of(Read.of("postgres", EXISTS, db.name())));
        reads.addAll(Migrations.reads(db.name()));
        if (!db.sql().isEmpty()) {
            reads.addAll(SchemaState.reads(db.name()));
        }
        return reads;
    }

    private static String owner(Database db) {
        return db.owner() == null ? "the admin role" : db.owner();
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
