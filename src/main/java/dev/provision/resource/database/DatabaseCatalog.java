package dev.provision.resource.database;

import java.util.Map;
import java.util.Set;

/**
 * What one database holds that the inventory manages, read in one round trip: the database's own
 * ACL, schemas, the relations and routines in the managed schemas with their ACLs, default
 * privileges in those schemas, and extensions.
 *
 * @param objects by object; schemas are here too, with their owners
 * @param functions each routine signature the inventory's grants name, as written, to the routine it
 *     resolves to (absent when no such routine exists yet)
 */
record DatabaseCatalog(
        Map<DbObject, ObjectAcl> objects,
        Map<DefaultAclKey, Set<String>> defaults,
        Map<String, InstalledExtension> extensions,
        Map<String, DbObject> functions) {

    DatabaseCatalog {
        objects = Map.copyOf(objects);
        defaults = Map.copyOf(defaults);
        extensions = Map.copyOf(extensions);
        functions = Map.copyOf(functions);
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

    ObjectAcl acl(DbObject object) {
        return objects.get(object);
    }

    /** The owner of schema {@code name}, or {@code null} when it does not exist. */
    String schemaOwner(String name) {
        ObjectAcl acl = objects.get(DbObject.schema(name));
        return acl == null ? null : acl.owner();
    }
}
