package dev.provision.resource.database;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A role as the server has it.
 *
 * @param validUntil seconds since the epoch as PostgreSQL prints them ({@code Infinity} allowed), or
 *     {@code null} for no expiry
 * @param ownsIn the databases where it owns objects ({@code ""}: it owns a database or another shared object)
 * @param privilegesIn the databases where it holds privileges or default privileges ({@code ""}: on a shared object)
 * @param settings its {@code ALTER ROLE ... SET} settings as {@code name=value}, by database ({@code ""}
 *     for those that apply in every database)
 */
record RoleState(
        String name,
        boolean superuser,
        boolean login,
        boolean createdb,
        boolean createrole,
        boolean replication,
        int connectionLimit,
        String validUntil,
        Set<String> memberOf,
        java.util.List<String> ownsIn,
        java.util.List<String> privilegesIn,
        Map<String, List<String>> settings) {

    RoleState {
        memberOf = Set.copyOf(memberOf);
        ownsIn = java.util.List.copyOf(ownsIn);
        privilegesIn = java.util.List.copyOf(privilegesIn);
        settings = Map.copyOf(settings);
    }

    /** A role whose objects, privileges and settings are not known (a planner test that does not need them). */
    RoleState(String name, boolean superuser, boolean login, boolean createdb, boolean createrole, boolean replication,
            int connectionLimit, String validUntil, Set<String> memberOf) {
        this(name, superuser, login, createdb, createrole, replication, connectionLimit, validUntil, memberOf,
                java.util.List.of(), java.util.List.of(), Map.of());
    }
}
