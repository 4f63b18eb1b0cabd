package dev.provision.resource.database;

import dev.provision.inventory.Database;
import dev.provision.inventory.Grant;
import dev.provision.inventory.GrantTarget;
import dev.provision.inventory.Schema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The privileges a database's grants ask for, expanded against what exists: {@code ALL} into each
 * privilege, {@code tables_in} into every table in the schema now plus default privileges for later.
 * A grant on a single object that does not exist yet (a table the SQL files will create) waits: it is
 * listed, not planned. Pure: no I/O.
 *
 * @param objects per object, per grantee, the privileges wanted
 * @param defaults per default-privileges entry, the privileges wanted
 * @param waiting per grantee, the objects its grants name that do not exist yet, as the plan shows them
 */
record DesiredPrivileges(
        Map<DbObject, Map<String, Set<String>>> objects,
        Map<DefaultAclKey, Set<String>> defaults,
        Map<String, List<String>> waiting) {

    static DesiredPrivileges of(Database db, DatabaseCatalog catalog) {
        Map<DbObject, Map<String, Set<String>>> objects = new HashMap<>();
        Map<DefaultAclKey, Set<String>> defaults = new HashMap<>();
        Map<String, List<String>> waiting = new HashMap<>();
        for (Grant grant : db.grants()) {
            GrantTarget on = grant.on();
            ObjectKind kind = ObjectKind.of(on.kind());
            Set<String> privileges = canonical(grant.privileges(), kind);
            List<DbObject> targets = new ArrayList<>();
            switch (on.kind()) {
                case DATABASE -> targets.add(DbObject.database(db.name()));
                case SCHEMA -> targets.add(DbObject.schema(on.name()));
                case TABLE, SEQUENCE -> {
                    int dot = on.name().indexOf('.');
                    DbObject object = new DbObject(kind, on.name().substring(0, dot), on.name().substring(dot + 1), null);
                    if (catalog.acl(object) != null) {
                        targets.add(object);
                    } else {
                        waiting.computeIfAbsent(grant.role(), r -> new ArrayList<>()).add(object.display());
                    }
                }
                case FUNCTION -> {
                    DbObject object = catalog.functions().get(on.name());
                    if (object != null) {
                        targets.add(object);
                    } else {
                        waiting.computeIfAbsent(grant.role(), r -> new ArrayList<>()).add("function " + on.name());
                    }
                }
                case TABLES_IN, SEQUENCES_IN, FUNCTIONS_IN -> {
                    catalog.objects().keySet().stream()
                            .filter(o -> o.kind() == kind && on.name().equals(o.schema()))
                            .forEach(targets::add);
                    DefaultAclKey key = new DefaultAclKey(creator(db, on.name()), on.name(),
                            DefaultAclKey.FutureObjects.of(kind), grant.role());
                    if (!key.creator().equals(key.grantee())) {
                        defaults.computeIfAbsent(key, k -> new HashSet<>()).addAll(privileges);
                    }
                }
                default -> throw new IllegalStateException(on.kind().toString());
            }
            for (DbObject target : targets) {
                objects.computeIfAbsent(target, t -> new HashMap<>())
                        .computeIfAbsent(grant.role(), r -> new HashSet<>()).addAll(privileges);
            }
        }
        return new DesiredPrivileges(objects, defaults, waiting);
    }

    /**
     * The role whose future objects in {@code schema} default privileges apply to: the schema's owner
     * (for {@code public} or an undeclared schema, the database's owner). Schema SQL must therefore
     * create objects as that role.
     */
    static String creator(Database db, String schema) {
        Schema declared = db.schemas().get(schema);
        return declared == null ? DatabasePlanner.owner(db) : SchemaPlanner.owner(db, declared);
    }

    /** Upper case, TEMP as TEMPORARY, ALL as every privilege of the kind. */
    static Set<String> canonical(List<String> privileges, ObjectKind kind) {
        Set<String> canonical = new LinkedHashSet<>();
        for (String p : privileges) {
            String upper = p.toUpperCase(java.util.Locale.ROOT);
            switch (upper) {
                case "ALL", "ALL PRIVILEGES" -> canonical.addAll(kind.privileges());
                case "TEMP" -> canonical.add("TEMPORARY");
                default -> canonical.add(upper);
            }
        }
        return canonical;
    }
}
