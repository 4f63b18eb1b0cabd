package dev.provision.resource.database;

import java.util.Map;

/**
 * What a server holds at cluster level: roles and databases, as read before planning.
 *
 * @param validUntil each {@code valid_until} the inventory declares, as the server reads it (seconds
 *     since the epoch), so the comparison does not depend on this machine's time zone
 * @param owned what provision recorded as created (or adopted) on this server
 */
record ClusterState(Map<String, RoleState> roles, Map<String, DatabaseState> databases, Map<String, String> validUntil,
        Owned owned) {

    ClusterState {
        roles = Map.copyOf(roles);
        databases = Map.copyOf(databases);
        validUntil = Map.copyOf(validUntil);
    }

    /** A server where provision recorded nothing. */
    ClusterState(Map<String, RoleState> roles, Map<String, DatabaseState> databases, Map<String, String> validUntil) {
        this(roles, databases, validUntil, Owned.none());
    }

    /** A server that does not exist yet: everything the inventory declares will be created. */
    static ClusterState empty() {
        return new ClusterState(Map.of(), Map.of(), Map.of());
    }
}
