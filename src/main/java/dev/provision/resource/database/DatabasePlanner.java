package dev.provision.resource.database;

import dev.provision.postgres.Locales;

import dev.provision.inventory.Database;
import dev.provision.inventory.Setting;
import dev.provision.plan.Action;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Cause;
import dev.provision.plan.Hazard;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what one declared database needs at cluster level: creation (alone, on the maintenance
 * database), owner, connection limit and per-database settings, or recreation when its encoding or
 * locale differ, which PostgreSQL cannot alter: that loses its data, so it carries the
 * {@code database-recreate} hazard. Pure: no I/O.
 */
final class DatabasePlanner {
    static final String RECREATE = dev.provision.plan.HazardKind.DATABASE_RECREATE.id();

    /**
     * What the database needs, and whether its contents must be planned as for a new database (it is
     * created or recreated by this plan, so nothing inside it exists yet).
     */
    record Outcome(Optional<PlannedChange> change, boolean fresh) {}

    /** The declared owner, or {@code postgres}, as documented: an undeclared owner is still managed. */
    static String owner(Database db) {
        return db.owner() == null ? "postgres" : db.owner();
    }

    Outcome plan(Server server, Database db, ClusterState cluster) {
        DatabaseState actual = cluster.databases().get(db.name());
        if (actual == null) {
            return new Outcome(Optional.of(new PlannedChange(server.database(db.name()), Action.CREATE, Cause.INVENTORY,
                    "database does not exist", created(db), List.of(), createSteps(server, db, cluster))), true);
        }
        List<AttributeChange> locale = new ArrayList<>();
        differs(locale, "encoding", actual.encoding(), db.encoding(), DatabasePlanner::encoding);
        differs(locale, "collation", actual.collation(), db.collation(), Locales::normalize);
        differs(locale, "ctype", actual.ctype(), db.ctype(), Locales::normalize);
        if (!locale.isEmpty()) {
            List<Step> steps = new ArrayList<>();
            steps.add(server.sql(null, List.of(DatabaseSql.drop(db.name())), false));
            steps.addAll(createSteps(server, db, cluster));
            Hazard hazard = new Hazard(RECREATE, "PostgreSQL cannot change a database's encoding or locale: database "
                    + db.name() + " will be dropped and created empty, losing all its data");
            return new Outcome(Optional.of(new PlannedChange(server.database(db.name()), Action.REPLACE, Cause.DRIFT,
                    "the encoding or locale differs; the database must be recreated", locale, List.of(hazard), steps)), true);
        }
        return new Outcome(update(server, db, actual), false);
    }

    private static Optional<PlannedChange> update(Server server, Database db, DatabaseState actual) {
        List<AttributeChange> attributes = new ArrayList<>();
        List<String> statements = new ArrayList<>();
        if (!owner(db).equals(actual.owner())) {
            attributes.add(new AttributeChange("owner", actual.owner(), owner(db)));
            statements.add(DatabaseSql.owner(db.name(), owner(db)));
        }
        if (db.connectionLimit() != actual.connectionLimit()) {
            attributes.add(new AttributeChange("connection_limit", String.valueOf(actual.connectionLimit()),
                    String.valueOf(db.connectionLimit())));
            statements.add(DatabaseSql.connectionLimit(db.name(), db.connectionLimit()));
        }
        settings(db, actual.settings(), attributes, statements);
        if (statements.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PlannedChange(server.database(db.name()), Action.UPDATE, Cause.DRIFT,
                "database differs from the inventory", attributes, List.of(),
                List.of(server.sql(null, statements, true))));
    }

    /**
     * Sets what differs. A setting the inventory does not declare is {@link RemovalPlanner}'s: reset when
     * provision set it, left alone otherwise.
     */
    private static void settings(Database db, Map<String, String> actual, List<AttributeChange> attributes, List<String> statements) {
        for (Setting setting : db.settings().values()) {
            String current = actual.get(setting.name());
            if (current == null || !current.strip().equals(setting.value().strip())) {
                attributes.add(new AttributeChange("settings." + setting.name(), current, setting.value()));
                statements.add(DatabaseSql.set(db.name(), setting.name(), setting.value()));
            }
        }
    }

    private static List<Step> createSteps(Server server, Database db, ClusterState cluster) {
        List<Step> steps = new ArrayList<>();
        steps.add(server.sql(null, List.of(DatabaseSql.create(db, template(db, cluster.databases().get("template1")))), false));
        List<String> settings = new ArrayList<>();
        db.settings().values().forEach(s -> settings.add(DatabaseSql.set(db.name(), s.name(), s.value())));
        if (!settings.isEmpty()) {
            steps.add(server.sql(null, settings, true));
        }
        List<Owned.Entry> created = new ArrayList<>(List.of(Owned.Entry.database(db.name())));
        db.settings().keySet().forEach(name -> created.add(Owned.Entry.in(Owned.Kind.SETTING, db.name(), name)));
        steps.add(server.sql(null, Ownership.record(created), true));
        return steps;
    }

    /**
     * The declared template, or template0 when the encoding or locale differ from template1's (which
     * may hold objects in another encoding), or when template1 is not known yet.
     */
    static String template(Database db, DatabaseState template1) {
        if (db.template() != null) {
            return db.template();
        }
        boolean declaresLocale = db.encoding() != null || db.collation() != null || db.ctype() != null;
        if (!declaresLocale) {
            return "template1";
        }
        if (template1 == null) {
            return "template0";
        }
        boolean same = same(template1.encoding(), db.encoding(), DatabasePlanner::encoding)
                && same(template1.collation(), db.collation(), Locales::normalize)
                && same(template1.ctype(), db.ctype(), Locales::normalize);
        return same ? "template1" : "template0";
    }

    private static List<AttributeChange> created(Database db) {
        List<AttributeChange> attributes = new ArrayList<>();
        attributes.add(new AttributeChange("owner", null, owner(db)));
        if (db.encoding() != null) {
            attributes.add(new AttributeChange("encoding", null, db.encoding()));
        }
        if (db.collation() != null) {
            attributes.add(new AttributeChange("collation", null, db.collation()));
        }
        if (db.ctype() != null) {
            attributes.add(new AttributeChange("ctype", null, db.ctype()));
        }
        if (db.connectionLimit() != -1) {
            attributes.add(new AttributeChange("connection_limit", null, String.valueOf(db.connectionLimit())));
        }
        db.settings().values().forEach(s -> attributes.add(new AttributeChange("settings." + s.name(), null, s.value())));
        return attributes;
    }

    private static void differs(List<AttributeChange> into, String name, String actual, String wanted,
            java.util.function.UnaryOperator<String> normal) {
        if (!same(actual, wanted, normal)) {
            into.add(new AttributeChange(name, actual, wanted));
        }
    }

    /** An undeclared value (null) is whatever the server has. */
    private static boolean same(String actual, String wanted, java.util.function.UnaryOperator<String> normal) {
        return wanted == null || (actual != null && normal.apply(actual).equals(normal.apply(wanted)));
    }

    /** {@code UTF8}, {@code utf-8} and {@code UTF_8} name the same encoding. */
    static String encoding(String name) {
        return name.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "");
    }
}
