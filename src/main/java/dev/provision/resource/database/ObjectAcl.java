package dev.provision.resource.database;

import java.util.Map;
import java.util.Set;

/**
 * An object's owner and effective privileges (the default ACL where none was ever granted), by
 * grantee; {@code public} stands for PUBLIC.
 */
record ObjectAcl(DbObject object, String owner, Map<String, Set<String>> privileges) {

    ObjectAcl {
        Map<String, Set<String>> copy = new java.util.HashMap<>();
        privileges.forEach((grantee, set) -> copy.put(grantee, Set.copyOf(set)));
        privileges = Map.copyOf(copy);
    }

    Set<String> of(String grantee) {
        return privileges.getOrDefault(grantee, Set.of());
    }
}
