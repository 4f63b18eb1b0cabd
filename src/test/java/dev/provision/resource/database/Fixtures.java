package dev.provision.resource.database;

import dev.provision.inventory.Inventory;
import dev.provision.inventory.Postgres;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Inventories and catalog states for the pure planner tests. */
final class Fixtures {
    static final Server SERVER = Server.of("local", "db");

    private Fixtures() {}

    static Postgres postgres(Path dir, String yaml) {
        Inventory inventory = Reconciler.inventory(dir, yaml);
        return inventory.containers().get("db").postgres();
    }

    static RoleState role(String name, boolean login, int limit, String... memberOf) {
        return new RoleState(name, false, login, false, false, false, limit, null, Set.of(memberOf), List.of(), List.of(), Map.of());
    }

    static ClusterState cluster(List<RoleState> roles, List<DatabaseState> databases) {
        Map<String, RoleState> r = new HashMap<>();
        roles.forEach(x -> r.put(x.name(), x));
        Map<String, DatabaseState> d = new HashMap<>();
        databases.forEach(x -> d.put(x.name(), x));
        return new ClusterState(r, d, Map.of());
    }

    /** A catalog builder: objects with owners and ACLs, default privileges. */
    static final class Catalog {
        private final Map<DbObject, ObjectAcl> objects = new HashMap<>();
        private final Map<DefaultAclKey, Set<String>> defaults = new HashMap<>();
        private final Map<String, DbObject> functions = new HashMap<>();

        Catalog object(DbObject object, String owner, Map<String, Set<String>> acl) {
            objects.put(object, new ObjectAcl(object, owner, acl));
            return this;
        }

        Catalog defaults(DefaultAclKey key, String... privileges) {
            defaults.put(key, Set.of(privileges));
            return this;
        }

        Catalog function(String signature, DbObject object, String owner, Map<String, Set<String>> acl) {
            functions.put(signature, object);
            return object(object, owner, acl);
        }

        DatabaseCatalog build() {
            return new DatabaseCatalog(objects, defaults, Map.of(), functions);
        }
    }

    static DbObject table(String schema, String name) {
        return new DbObject(ObjectKind.TABLE, schema, name, null);
    }
}
