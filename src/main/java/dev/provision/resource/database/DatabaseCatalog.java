package dev.provision.resource.database;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What one database holds that the inventory manages, read in one round trip: the database's own
 * ACL, schemas, the relations and routines in the managed schemas with their ACLs, default
 * privileges in those schemas, and extensions.
 *
 * @param objects by object; schemas are here too, with their owners
 * @param functions each routine signature the inventory's grants name, as written, to the routine it
 *     resolves to (absent when no such routine exists yet)
 * @param created objects in {@code objects} that do not exist yet: this plan creates them
 */
record DatabaseCatalog(
        Map<DbObject, ObjectAcl> objects,
        Map<DefaultAclKey, Set<String>> defaults,
        Map<String, InstalledExtension> extensions,
        Map<String, DbObject> functions,
        Set<DbObject> created) {

    DatabaseCatalog {
        objects = Map.copyOf(objects);
        defaults = Map.copyOf(defaults);
        extensions = Map.copyOf(extensions);
        functions = Map.copyOf(functions);
        created = Set.copyOf(created);
    }

    DatabaseCatalog(Map<DbObject, ObjectAcl> objects, Map<DefaultAclKey, Set<String>> defaults,
            Map<String, InstalledExtension> extensions, Map<String, DbObject> functions) {
        this(objects, defaults, extensions, functions, Set.of());
    }

    /**
     * A database this plan creates, as PostgreSQL 15 makes it from a template: PUBLIC may connect and
     * create temporary tables, and schema public, owned by pg_database_owner, is usable by PUBLIC.
     */
    static DatabaseCatalog fresh(String database, String owner) {
        DbObject db = DbObject.database(database);
        DbObject pub = DbObject.schema("public");
        return new DatabaseCatalog(Map.of(
                db, new ObjectAcl(db, owner, Map.of("public", Set.of("CONNECT", "TEMPORARY"))),
                pub, new ObjectAcl(pub, "pg_database_owner", Map.of("public", Set.of("USAGE")))),
                Map.of(), Map.of(), Map.of());
    }

    /**
     * This catalog as it will be once this plan's schema SQL has run: {@code objects} exist, owned by
     * the role that creates them in their schema ({@code creatorOf}), with the privileges PostgreSQL
     * gives a new object then: the default privileges that role has in the schema now (this plan
     * changes them only afterwards), and PUBLIC's EXECUTE on routines.
     */
    DatabaseCatalog withCreated(Collection<DbObject> objects, UnaryOperator<String> creatorOf) {
        Map<DbObject, ObjectAcl> all = new HashMap<>(this.objects);
        Map<String, DbObject> routines = new HashMap<>(functions);
        Set<DbObject> planned = new HashSet<>(created);
        for (DbObject object : objects) {
            if (all.containsKey(object)) {
                continue;
            }
            String creator = creatorOf.apply(object.schema());
            Map<String, Set<String>> acl = new HashMap<>();
            if (object.kind() == ObjectKind.FUNCTION) {
                acl.put("public", Set.of("EXECUTE"));
                routines.putIfAbsent(object.qualified(), object);
            }
            defaults.forEach((key, privileges) -> {
                if (key.creator().equals(creator) && key.schema().equals(object.schema()) && key.objects().kind() == object.kind()) {
                    acl.computeIfAbsent(key.grantee(), g -> new HashSet<>()).addAll(privileges);
                }
            });
            all.put(object, new ObjectAcl(object, creator, acl));
            planned.add(object);
        }
        return new DatabaseCatalog(all, defaults, extensions, routines, planned);
    }

    ObjectAcl acl(DbObject object) {
        return objects.get(object);
    }

    /** True when {@code object} exists before this plan runs. */
    boolean existedBefore(DbObject object) {
        return objects.containsKey(object) && !created.contains(object);
    }

    /** The owner of schema {@code name}, or {@code null} when it does not exist. */
    String schemaOwner(String name) {
        ObjectAcl acl = objects.get(DbObject.schema(name));
        return acl == null ? null : acl.owner();
    }
}
