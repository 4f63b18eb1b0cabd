package dev.provision.resource.schema;

import dev.provision.inventory.Database;
import dev.provision.plan.Action;
import dev.provision.plan.Cause;
import dev.provision.plan.Hazard;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.ResourceAddress;
import dev.provision.postgres.PostgresSession;
import dev.provision.postgres.PostgresSessions;
import dev.provision.postgres.SqlScanner;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans the schema objects of one database. A database that does not exist yet gets its SQL files
 * run as they are. An existing one whose files and catalog are both as the last apply left them has
 * nothing to do. Otherwise it is compared with a shadow built from the files; when they differ
 * only in how PostgreSQL prints an expression back (an IN list comes back as {@code = ANY (ARRAY...)}),
 * both sides are copied once more through the differ, so that the same printing applies to both,
 * and compared again.
 */
final class ObjectsPlanner {
    private final SchemaDiffer differ;
    private final HazardDetector hazards;
    private final TableFactsReader facts = new TableFactsReader();

    ObjectsPlanner(SchemaDiffer differ, HazardDetector hazards) {
        this.differ = differ;
        this.hazards = hazards;
    }

    Optional<PlannedChange> plan(String host, String container, Database db, DesiredSql sql, PostgresSessions sessions,
            ResourceAddress address) {
        if (sessions == null || !exists(sessions.open(container, null), db.name())) {
            List<String> statements = sql.files().stream().flatMap(f -> f.statements().stream())
                    .map(SqlScanner.Statement::text).toList();
            return Optional.of(new PlannedChange(address, Action.CREATE, Cause.INVENTORY,
                    "new database: run " + String.join(", ", sql.paths()) + " as " + owner(db), List.of(), List.of(),
                    SchemaSteps.steps(host, container, db.name(), db.owner(), statements, sql.digest())));
        }
        PostgresSession live = sessions.open(container, db.name());
        Optional<SchemaState.Recorded> recorded = SchemaState.read(live);
        boolean filesUnchanged = recorded.map(r -> r.sqlDigest().equals(sql.digest())).orElse(false);
        if (filesUnchanged && recorded.get().catalogDigest().equals(SchemaState.catalogDigest(live))) {
            return Optional.empty(); // neither the files nor the catalog changed since the last apply
        }
        List<String> ddl = ConcurrentIndexes.restore(compare(sessions, container, db, sql), sql);
        if (ddl.isEmpty()) {
            return Optional.empty();
        }
        Map<String, TableFacts> tables = facts.read(live, HazardDetector.tablesToRead(ddl));
        List<Hazard> found = hazards.detect(ddl, tables);
        String summary = filesUnchanged
                ? "the database differs from " + String.join(", ", sql.paths()) + ", which are unchanged since the last apply (drift)"
                : "the database differs from " + String.join(", ", sql.paths());
        return Optional.of(new PlannedChange(address, Action.UPDATE, filesUnchanged ? Cause.DRIFT : Cause.INVENTORY,
                summary, List.of(), found, SchemaSteps.steps(host, container, db.name(), db.owner(), ddl, sql.digest())));
    }

    private List<String> compare(PostgresSessions sessions, String container, Database db, DesiredSql sql) {
        Shadows shadows = new Shadows(sessions, container, differ);
        String base = "provision_shadow_" + shortHash(container + "/" + db.name());
        java.util.function.Supplier<java.sql.Connection> live = () -> sessions.connect(container, db.name());
        try (Shadows.Shadow desired = shadows.fromFiles(base, db, db.owner(), sql)) {
            Set<String> schemas = new TreeSet<>(shadows.schemas(desired));
            schemas.addAll(db.schemas().keySet());
            List<String> direct = differ.diff(live, desired.connector(), schemas);
            if (direct.isEmpty()) {
                return direct;
            }
            try (Shadows.Shadow printedDesired = shadows.copyOf(base + "_d", db, db.owner(), desired.connector(), schemas);
                    Shadows.Shadow printedLive = shadows.copyOf(base + "_l", db, db.owner(), live, schemas)) {
                return differ.diff(printedLive.connector(), printedDesired.connector(), schemas);
            }
        }
    }

    private static boolean exists(PostgresSession admin, String database) {
        return !admin.query("SELECT 1 FROM pg_database WHERE datname = ?", database).isEmpty();
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
