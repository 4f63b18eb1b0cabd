package dev.provision.resource.database;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A role as the server has it.
 *
 * @param validUntil seconds since the epoch as PostgreSQL prints them ({@code Infinity} allowed), or
 *     {@code null} for no expiry
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
        Map<String, List<String>> settings) {

    RoleState {
        memberOf = Set.copyOf(memberOf);
        settings = Map.copyOf(settings);
    }
}
