package dev.provision.resource.database;

import dev.provision.transport.ScriptResource;
import dev.provision.postgres.PostgresSession;
import dev.provision.postgres.Read;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads what one database holds in a single query: its ACL, the managed schemas and everything in
 * them with ACLs, default privileges, extensions, and the routines the inventory's grants name.
 */
final class CatalogReader {
    private static final String CATALOG = ScriptResource.load(CatalogReader.class, "read-catalog.sql");
    /** Every schema but the system's: what removal and the unmanaged list compare against. */
    private static final String SCHEMAS = "SELECT nspname::text AS name FROM pg_namespace"
            + " WHERE nspname !~ '^pg_' AND nspname <> 'information_schema'";

    /** The read {@link #schemaNames} makes in {@code database}, to declare it ahead. */
    static Read schemaNamesOf(String database) {
        return Read.of(database, SCHEMAS);
    }

    /** The names of the database's schemas, the system's excepted. */
    Set<String> schemaNames(PostgresSession session) {
        Set<String> names = new HashSet<>();
        session.query(SCHEMAS).forEach(row -> names.add((String) row.get("name")));
        return names;
    }

    /** The read {@link #read} makes in {@code database}, to declare it ahead. */
    static Read readOf(String database, Collection<String> schemas, Collection<String> signatures) {
        String[] managed = schemas.toArray(String[]::new);
        return Read.of(database, CATALOG, managed, managed, managed, managed, signatures.toArray(String[]::new));
    }

    DatabaseCatalog read(PostgresSession session, Collection<String> schemas, Collection<String> signatures) {
        String[] managed = schemas.toArray(String[]::new);
        Map<DbObject, String> owners = new HashMap<>();
        Map<DbObject, Map<String, Set<String>>> privileges = new HashMap<>();
        Map<DefaultAclKey, Set<String>> defaults = new HashMap<>();
        Map<String, InstalledExtension> extensions = new HashMap<>();
        Map<String, DbObject> functions = new HashMap<>();
        for (Map<String, Object> row : session.query(CATALOG, managed, managed, managed, managed,
                signatures.toArray(String[]::new))) {
            String kind = (String) row.get("kind");
            String schema = (String) row.get("schema");
            String name = (String) row.get("name");
            String args = (String) row.get("args");
            String owner = (String) row.get("owner");
            String grantee = (String) row.get("grantee");
            String privilege = (String) row.get("privilege");
            switch (kind) {
                case "extension" -> extensions.put(name, new InstalledExtension(name, args, schema));
                case "signature" -> functions.put(owner, new DbObject(ObjectKind.FUNCTION, schema, name, args));
                case "default" -> {
                    DefaultAclKey.FutureObjects objects = DefaultAclKey.FutureObjects.ofCode(name);
                    if (objects != null) {
                        defaults.computeIfAbsent(new DefaultAclKey(owner, schema, objects, grantee), k -> new HashSet<>())
                                .add(privilege);
                    }
                }
                default -> {
                    DbObject object = new DbObject(ObjectKind.valueOf(kind.toUpperCase(java.util.Locale.ROOT)), schema, name, args);
                    owners.put(object, owner);
                    Map<String, Set<String>> acl = privileges.computeIfAbsent(object, o -> new HashMap<>());
                    if (grantee != null) {
                        acl.computeIfAbsent(grantee, g -> new HashSet<>()).add(privilege);
                    }
                }
            }
        }
        Map<DbObject, ObjectAcl> objects = new HashMap<>();
        owners.forEach((object, owner) -> objects.put(object, new ObjectAcl(object, owner, privileges.get(object))));
        return new DatabaseCatalog(objects, defaults, extensions, functions);
    }
}
