package dev.provision.resource.database;

import java.util.Set;

/**
 * A role as the server has it.
 *
 * @param validUntil seconds since the epoch as PostgreSQL prints them ({@code Infinity} allowed), or
 *     {@code null} for no expiry
 * @param ownsIn the databases where it owns objects ({@code ""}: it owns a database or another shared object)
 * @param privilegesIn the databases where it holds privileges or default privileges ({@code ""}: on a shared object)
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
        java.util.List<String> privilegesIn) {

    RoleState {
        memberOf = Set.copyOf(memberOf);
        ownsIn = java.util.List.copyOf(ownsIn);
        privilegesIn = java.util.List.copyOf(privilegesIn);
    }

    /** A role whose objects and privileges are not known (a planner test that does not need them). */
    RoleState(String name, boolean superuser, boolean login, boolean createdb, boolean createrole, boolean replication,
            int connectionLimit, String validUntil, Set<String> memberOf) {
        this(name, superuser, login, createdb, createrole, replication, connectionLimit, validUntil, memberOf,
                java.util.List.of(), java.util.List.of());
    }
}
