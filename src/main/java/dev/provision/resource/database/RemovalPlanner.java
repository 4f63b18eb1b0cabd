package dev.provision.resource.database;

import dev.provision.inventory.Database;
import dev.provision.inventory.Grant;
import dev.provision.inventory.Postgres;
import dev.provision.inventory.Role;
import dev.provision.inventory.Schema;
import dev.provision.plan.Action;
import dev.provision.plan.AdminAccess;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Cause;
import dev.provision.plan.Hazard;
import dev.provision.plan.HazardKind;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.ResourceAddress;
import dev.provision.plan.Step;
import dev.provision.plan.UnmanagedResource;
import dev.provision.postgres.Sql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides what happens to what provision created on a server ({@link Owned}) and the inventory no
 * longer declares: per-database settings are reset, extensions and schemas dropped, then databases,
 * then roles (after their objects are reassigned and their privileges dropped in every database).
 * Declared objects that exist but were never recorded (made by hand, or by a provision from before
 * ownership was recorded) are adopted; everything else found is listed as unmanaged and never touched.
 * Pure: no I/O.
 */
final class RemovalPlanner {
    static final String NO_LONGER_DECLARED = "no longer declared";
    /** Objects every server has: never recorded, removed or listed. */
    private static final Set<String> BUILTIN_ROLES = Set.of("postgres", AdminAccess.ROLE);
    private static final Set<String> BUILTIN_DATABASES = Set.of("postgres", "template0", "template1");
    private static final Set<String> BUILTIN_SCHEMAS = Set.of("public", "provision");
    private static final Set<String> BUILTIN_EXTENSIONS = Set.of("plpgsql");
    private static final String SHADOW_PREFIX = "provision_shadow_";

    /** What one declared database holds, as read: its schemas and installed extensions. */
    record Contents(Set<String> schemas, Set<String> extensions) {
        Contents {
            schemas = Set.copyOf(schemas);
            extensions = Set.copyOf(extensions);
        }
    }

    /** Setting resets, extension drops and schema drops in one declared database that exists. */
    List<PlannedChange> withinDatabase(Server server, Database db, ClusterState cluster, Contents contents) {
        List<PlannedChange> changes = new ArrayList<>();
        ResourceAddress base = server.database(db.name());
        Owned owned = cluster.owned();
        DatabaseState state = cluster.databases().get(db.name());
        Map<String, String> settings = state == null ? Map.of() : state.settings();
        for (String name : owned.names(Owned.Kind.SETTING, db.name())) {
            if (!db.settings().containsKey(name) && settings.containsKey(name)) {
                changes.add(delete(base.child("settings").child(name), "the setting is reset to the server's value",
                        List.of(new AttributeChange("value", settings.get(name), null)), List.of(),
                        List.of(server.sql(null, List.of(DatabaseSql.reset(db.name(), name),
                                Ownership.forget(Owned.Entry.in(Owned.Kind.SETTING, db.name(), name))), true))));
            }
        }
        for (String name : owned.names(Owned.Kind.EXTENSION, db.name())) {
            if (!db.extensions().containsKey(name) && contents.extensions().contains(name)) {
                changes.add(delete(base.child("extensions").child(name),
                        "the extension is dropped (RESTRICT: refused by PostgreSQL if anything still uses it)", List.of(), List.of(),
                        List.of(server.sql(db.name(), List.of("DROP EXTENSION " + Sql.ident(name) + " RESTRICT"), true),
                                forget(server, Owned.Entry.in(Owned.Kind.EXTENSION, db.name(), name)))));
            }
        }
        for (String name : owned.names(Owned.Kind.SCHEMA, db.name())) {
            if (!db.schemas().containsKey(name) && contents.schemas().contains(name)) {
                Hazard hazard = new Hazard(HazardKind.SCHEMA_DROP, "drops schema " + name + " of database " + db.name()
                        + " with everything in it (CASCADE): tables and their rows, views, functions");
                changes.add(delete(base.child("schemas").child(name), "the schema is dropped with everything in it",
                        List.of(), List.of(hazard),
                        List.of(server.sql(db.name(), List.of("DROP SCHEMA " + Sql.ident(name) + " CASCADE"), true),
                                forget(server, Owned.Entry.in(Owned.Kind.SCHEMA, db.name(), name)))));
            }
        }
        return changes;
    }

    /** Drops of recorded databases, then of recorded roles, that the inventory no longer declares. */
    List<PlannedChange> cluster(Server server, Postgres pg, ClusterState cluster) {
        List<PlannedChange> changes = new ArrayList<>();
        Set<String> dropped = new TreeSet<>();
        for (String name : cluster.owned().names(Owned.Kind.DATABASE, "")) {
            if (pg.databases().containsKey(name) || !cluster.databases().containsKey(name) || BUILTIN_DATABASES.contains(name)) {
                continue;
            }
            dropped.add(name);
            Hazard hazard = new Hazard(HazardKind.DATABASE_DROP, "drops database " + name + " and all its data");
            changes.add(delete(server.database(name), "the database is dropped with all its data",
                    List.of(new AttributeChange("owner", cluster.databases().get(name).owner(), null)), List.of(hazard),
                    List.of(server.sql(null, List.of(DatabaseSql.drop(name)), false),
                            forget(server, Owned.Entry.database(name)))));
        }
        Set<String> referenced = referenced(pg);
        for (String name : cluster.owned().names(Owned.Kind.ROLE, "")) {
            RoleState role = cluster.roles().get(name);
            if (pg.roles().containsKey(name) || role == null || BUILTIN_ROLES.contains(name) || referenced.contains(name)) {
                continue;
            }
            changes.add(dropRole(server, pg, cluster, role, dropped));
        }
        return changes;
    }

    /**
     * The role's objects go to each database's owner ({@code REASSIGN OWNED}), its remaining privileges
     * and default privileges are revoked ({@code DROP OWNED}), in every database where it has any, then
     * it is dropped.
     */
    private static PlannedChange dropRole(Server server, Postgres pg, ClusterState cluster, RoleState role, Set<String> dropped) {
        Map<String, String> heirs = new LinkedHashMap<>();
        Set<String> where = new TreeSet<>(role.ownsIn());
        where.addAll(role.privilegesIn());
        for (String database : where) {
            String in = database.isEmpty() ? "postgres" : database;
            if (dropped.contains(in) || in.equals("template0")) {
                continue;
            }
            heirs.putIfAbsent(in, heir(pg, cluster, in, role.name()));
        }
        List<Step> steps = new ArrayList<>();
        heirs.forEach((database, heir) -> steps.add(server.sql(database.equals("postgres") ? null : database, List.of(
                "REASSIGN OWNED BY " + Sql.ident(role.name()) + " TO " + Sql.ident(heir),
                "DROP OWNED BY " + Sql.ident(role.name())), true)));
        steps.add(server.sql(null, List.of("DROP ROLE " + Sql.ident(role.name()), Ownership.forget(Owned.Entry.role(role.name()))), true));
        List<AttributeChange> attributes = new ArrayList<>();
        attributes.add(new AttributeChange("login", String.valueOf(role.login()), null));
        List<String> owns = role.ownsIn().stream().map(d -> d.isEmpty() ? "(databases or other shared objects)" : d)
                .filter(d -> !dropped.contains(d)).distinct().toList();
        if (!heirs.isEmpty()) {
            attributes.add(new AttributeChange("objects_and_privileges_in", String.join(", ", heirs.keySet()), null));
        }
        List<Hazard> hazards = owns.isEmpty() ? List.of() : List.of(new Hazard(HazardKind.ROLE_DROP, "role " + role.name()
                + " owns objects in " + String.join(", ", owns) + ": they are given to "
                + String.join(", ", heirs.entrySet().stream().map(e -> e.getValue() + " (in " + e.getKey() + ")").toList())
                + ", and its privileges are revoked, before it is dropped"));
        String summary = heirs.isEmpty() ? "the role is dropped"
                : "its objects are reassigned (REASSIGN OWNED) and its privileges revoked (DROP OWNED) in "
                        + String.join(", ", heirs.keySet()) + ", then the role is dropped";
        return delete(server.role(role.name()), summary, attributes, hazards, steps);
    }

    /** Who receives a dropped role's objects in {@code database}: its owner, or postgres when that is the role itself. */
    private static String heir(Postgres pg, ClusterState cluster, String database, String role) {
        Database declared = pg.databases().get(database);
        String owner = declared != null ? DatabasePlanner.owner(declared)
                : cluster.databases().containsKey(database) ? cluster.databases().get(database).owner() : "postgres";
        return owner == null || owner.equals(role) ? "postgres" : owner;
    }

    /** Roles the inventory still names (owners, groups, grantees): never dropped while it does. */
    private static Set<String> referenced(Postgres pg) {
        Set<String> names = new LinkedHashSet<>();
        for (Role role : pg.roles().values()) {
            names.addAll(role.memberOf());
        }
        for (Database db : pg.databases().values()) {
            names.add(DatabasePlanner.owner(db));
            db.schemas().values().stream().map(Schema::owner).forEach(names::add);
            db.grants().stream().map(Grant::role).forEach(names::add);
        }
        return names;
    }

    /**
     * Records as provision's the declared objects that exist but are not recorded; empty when there are none.
     *
     * @param contents what each declared database that exists and was read holds
     */
    Optional<PlannedChange> adopt(Server server, Postgres pg, ClusterState cluster, Map<String, Contents> contents) {
        Owned owned = cluster.owned();
        List<Owned.Entry> found = new ArrayList<>();
        List<AttributeChange> attributes = new ArrayList<>();
        for (Role role : pg.roles().values()) {
            adopt(owned, Owned.Entry.role(role.name()), cluster.roles().containsKey(role.name()) && !BUILTIN_ROLES.contains(role.name()),
                    "roles." + role.name(), found, attributes);
        }
        for (Database db : pg.databases().values()) {
            DatabaseState state = cluster.databases().get(db.name());
            adopt(owned, Owned.Entry.database(db.name()), state != null && !BUILTIN_DATABASES.contains(db.name()),
                    "databases." + db.name(), found, attributes);
            Contents inside = contents.get(db.name());
            if (state == null || inside == null) {
                continue;
            }
            String at = "databases." + db.name() + ".";
            for (String name : db.settings().keySet()) {
                adopt(owned, Owned.Entry.in(Owned.Kind.SETTING, db.name(), name), state.settings().containsKey(name),
                        at + "settings." + name, found, attributes);
            }
            for (String name : db.schemas().keySet()) {
                adopt(owned, Owned.Entry.in(Owned.Kind.SCHEMA, db.name(), name),
                        inside.schemas().contains(name) && !BUILTIN_SCHEMAS.contains(name), at + "schemas." + name, found, attributes);
            }
            for (String name : db.extensions().keySet()) {
                adopt(owned, Owned.Entry.in(Owned.Kind.EXTENSION, db.name(), name),
                        inside.extensions().contains(name) && !BUILTIN_EXTENSIONS.contains(name), at + "extensions." + name,
                        found, attributes);
            }
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PlannedChange(server.address().child("ownership"), Action.UPDATE, Cause.INVENTORY,
                "declared objects that already exist become provision's (made by hand, or before provision recorded what it"
                        + " manages): removing them from the inventory will remove them",
                attributes, List.of(), List.of(server.sql(null, Ownership.record(found), true))));
    }

    private static void adopt(Owned owned, Owned.Entry entry, boolean exists, String label, List<Owned.Entry> found,
            List<AttributeChange> attributes) {
        if (exists && !owned.contains(entry)) {
            found.add(entry);
            attributes.add(new AttributeChange(label, null, "managed"));
        }
    }

    /** What exists on the server that provision neither created nor is declared: listed, never touched. */
    List<UnmanagedResource> unmanaged(Server server, Postgres pg, ClusterState cluster, Map<String, Contents> contents) {
        Owned owned = cluster.owned();
        List<UnmanagedResource> found = new ArrayList<>();
        for (String name : new TreeSet<>(cluster.roles().keySet())) {
            if (!pg.roles().containsKey(name) && !BUILTIN_ROLES.contains(name) && !owned.contains(Owned.Entry.role(name))) {
                found.add(new UnmanagedResource(server.role(name), "role"));
            }
        }
        for (String name : new TreeSet<>(cluster.databases().keySet())) {
            if (!pg.databases().containsKey(name) && !BUILTIN_DATABASES.contains(name) && !name.startsWith(SHADOW_PREFIX)
                    && !owned.contains(Owned.Entry.database(name))) {
                found.add(new UnmanagedResource(server.database(name), "database"));
            }
        }
        for (Database db : pg.databases().values()) {
            DatabaseState state = cluster.databases().get(db.name());
            Contents inside = contents.get(db.name());
            if (state == null || inside == null) {
                continue;
            }
            ResourceAddress base = server.database(db.name());
            for (String name : new TreeSet<>(state.settings().keySet())) {
                if (!db.settings().containsKey(name) && !owned.contains(Owned.Entry.in(Owned.Kind.SETTING, db.name(), name))) {
                    found.add(new UnmanagedResource(base.child("settings").child(name), "setting"));
                }
            }
            for (String name : new TreeSet<>(inside.schemas())) {
                if (!db.schemas().containsKey(name) && !BUILTIN_SCHEMAS.contains(name)
                        && !owned.contains(Owned.Entry.in(Owned.Kind.SCHEMA, db.name(), name))) {
                    found.add(new UnmanagedResource(base.child("schemas").child(name), "schema"));
                }
            }
            for (String name : new TreeSet<>(inside.extensions())) {
                if (!db.extensions().containsKey(name) && !BUILTIN_EXTENSIONS.contains(name)
                        && !owned.contains(Owned.Entry.in(Owned.Kind.EXTENSION, db.name(), name))) {
                    found.add(new UnmanagedResource(base.child("extensions").child(name), "extension"));
                }
            }
        }
        return found;
    }

    private static PlannedChange delete(ResourceAddress address, String what, List<AttributeChange> attributes, List<Hazard> hazards,
            List<Step> steps) {
        return new PlannedChange(address, Action.DELETE, Cause.INVENTORY, NO_LONGER_DECLARED + "; " + what, attributes, hazards, steps);
    }

    private static Step forget(Server server, Owned.Entry entry) {
        return server.sql(null, List.of(Ownership.forget(entry)), true);
    }
}
