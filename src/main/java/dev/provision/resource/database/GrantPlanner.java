package dev.provision.resource.database;

import dev.provision.inventory.Database;
import dev.provision.inventory.Grant;
import dev.provision.inventory.GrantTarget;
import dev.provision.inventory.Schema;
import dev.provision.plan.AdminAccess;
import dev.provision.plan.PlannedChange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes the privileges on the objects a database's inventory manages exactly what it declares, for
 * the roles it manages: missing privileges are granted, undeclared ones revoked, so a GRANT made by
 * hand shows as drift and is removed. One change per grantee, one transaction each.
 *
 * <p>Managed objects: the database, its declared schemas and everything in them, schemas and objects
 * its grants name, and everything in a schema named by a {@code *_in} grant. Managed grantees: the
 * declared roles and every role the grants name, PUBLIC included only when a grant names
 * {@code public} (PUBLIC's defaults, CONNECT and TEMPORARY on databases and EXECUTE on routines, are
 * otherwise left as PostgreSQL makes them). An object's owner, {@code postgres} and provision's admin
 * role are never granted or revoked anything. Pure: no I/O.
 */
final class GrantPlanner {
    private static final Set<String> UNTOUCHABLE = Set.of("postgres", AdminAccess.ROLE);

    /**
     * @param fresh the database is created by this plan, so nothing in {@code catalog} existed before
     * @param existingRoles the roles the server has before this plan
     */
    List<PlannedChange> plan(Server server, Database db, DatabaseCatalog catalog, boolean fresh,
            Collection<String> declaredRoles, Set<String> existingRoles) {
        DatabaseCatalog planned = afterOwnerChanges(db, catalog);
        DesiredPrivileges desired = DesiredPrivileges.of(db, planned);
        Set<String> grantees = grantees(db, declaredRoles);
        Set<String> containers = containers(db);
        Map<String, GranteeDiff> diffs = new LinkedHashMap<>();
        grantees.forEach(g -> diffs.put(g, new GranteeDiff(g)));

        for (DbObject object : managed(db, planned, desired, containers)) {
            ObjectAcl acl = planned.acl(object);
            Map<String, Set<String>> want = desired.objects().getOrDefault(object, Map.of());
            Set<String> consider = new LinkedHashSet<>(grantees);
            consider.addAll(want.keySet());
            for (String grantee : consider) {
                if (!grantee.equals(acl.owner()) && !UNTOUCHABLE.contains(grantee)) {
                    boolean existed = !fresh && catalog.existedBefore(object) && existed(grantee, existingRoles);
                    diffs.computeIfAbsent(grantee, GranteeDiff::new)
                            .object(object, acl.of(grantee), want.getOrDefault(grantee, Set.of()), existed);
                }
            }
        }
        Set<DefaultAclKey> keys = new HashSet<>(desired.defaults().keySet());
        planned.defaults().keySet().stream()
                .filter(k -> containers.contains(k.schema()) && grantees.contains(k.grantee()))
                .forEach(keys::add);
        for (DefaultAclKey key : keys.stream().sorted(DefaultAclKey.ORDER).toList()) {
            if (!UNTOUCHABLE.contains(key.grantee())) {
                boolean existed = !fresh && catalog.existedBefore(DbObject.schema(key.schema()))
                        && existed(key.grantee(), existingRoles) && existingRoles.contains(key.creator());
                diffs.computeIfAbsent(key.grantee(), GranteeDiff::new).defaults(key,
                        planned.defaults().getOrDefault(key, Set.of()), desired.defaults().getOrDefault(key, Set.of()), existed);
            }
        }
        List<PlannedChange> changes = new ArrayList<>();
        diffs.forEach((grantee, diff) -> diff.change(server, db.name(), desired.waiting().getOrDefault(grantee, List.of()))
                .ifPresent(changes::add));
        return changes;
    }

    /** The catalog with the schemas this plan creates, and the ACLs as the planned owner changes leave them. */
    private static DatabaseCatalog afterOwnerChanges(Database db, DatabaseCatalog catalog) {
        Map<DbObject, ObjectAcl> objects = new HashMap<>(catalog.objects());
        for (Schema schema : db.schemas().values()) {
            DbObject object = DbObject.schema(schema.name());
            objects.putIfAbsent(object, new ObjectAcl(object, SchemaPlanner.owner(db, schema), Map.of()));
            owned(objects, object, SchemaPlanner.owner(db, schema));
        }
        owned(objects, DbObject.database(db.name()), DatabasePlanner.owner(db));
        return new DatabaseCatalog(objects, catalog.defaults(), catalog.extensions(), catalog.functions(), catalog.created());
    }

    /**
     * The ACL as it will be once the planned owner change ran: PostgreSQL hands the old owner's
     * privileges to the new owner, so a role that was the owner is left with none.
     */
    private static void owned(Map<DbObject, ObjectAcl> objects, DbObject object, String owner) {
        ObjectAcl acl = objects.get(object);
        if (acl == null || owner == null || owner.equals(acl.owner())) {
            return;
        }
        Map<String, Set<String>> privileges = new HashMap<>(acl.privileges());
        Set<String> inherited = new HashSet<>(privileges.getOrDefault(owner, Set.of()));
        Set<String> previous = privileges.remove(acl.owner());
        if (previous != null) {
            inherited.addAll(previous);
        }
        privileges.put(owner, inherited);
        objects.put(object, new ObjectAcl(object, owner, privileges));
    }

    /** Roles whose privileges on managed objects are exactly what the inventory says. */
    private static Set<String> grantees(Database db, Collection<String> declaredRoles) {
        Set<String> grantees = new LinkedHashSet<>(declaredRoles);
        db.grants().stream().map(Grant::role).forEach(grantees::add);
        grantees.removeAll(UNTOUCHABLE);
        return grantees;
    }

    /** Schemas whose every object is managed: the declared ones and those named by a {@code *_in} grant. */
    private static Set<String> containers(Database db) {
        Set<String> containers = new HashSet<>(db.schemas().keySet());
        for (Grant grant : db.grants()) {
            switch (grant.on().kind()) {
                case TABLES_IN, SEQUENCES_IN, FUNCTIONS_IN -> containers.add(grant.on().name());
                default -> { }
            }
        }
        return containers;
    }

    /** The schemas the reader must look into: every schema a declared schema or a grant names. */
    static Set<String> schemasToRead(Database db) {
        Set<String> schemas = new TreeSet<>(db.schemas().keySet());
        for (Grant grant : db.grants()) {
            GrantTarget on = grant.on();
            switch (on.kind()) {
                case DATABASE -> { }
                case SCHEMA, TABLES_IN, SEQUENCES_IN, FUNCTIONS_IN -> schemas.add(on.name());
                case TABLE, SEQUENCE, FUNCTION -> schemas.add(on.name().substring(0, on.name().indexOf('.')));
            }
        }
        return schemas;
    }

    private static List<DbObject> managed(Database db, DatabaseCatalog catalog, DesiredPrivileges desired, Set<String> containers) {
        Set<DbObject> managed = new HashSet<>(desired.objects().keySet());
        for (DbObject object : catalog.objects().keySet()) {
            if (object.kind() == ObjectKind.DATABASE ? object.name().equals(db.name()) : containers.contains(object.container())) {
                managed.add(object);
            }
        }
        return managed.stream().filter(o -> catalog.acl(o) != null).sorted(DbObject.ORDER).toList();
    }

    private static boolean existed(String grantee, Set<String> existingRoles) {
        return grantee.equals("public") || grantee.startsWith("pg_") || existingRoles.contains(grantee);
    }
}
