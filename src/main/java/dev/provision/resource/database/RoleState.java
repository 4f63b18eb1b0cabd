package dev.provision.resource.database;

import java.util.Set;

/**
 * A role as the server has it.
 *
 * @param validUntil seconds since the epoch as PostgreSQL prints them ({@code Infinity} allowed), or
 *     {@code null} for no expiry
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
        Set<String> memberOf) {

    RoleState {
        memberOf = Set.copyOf(memberOf);
    }
}
