package dev.provision.resource.database;

import dev.provision.inventory.Role;
import dev.provision.postgres.Sql;
import java.util.ArrayList;
import java.util.List;

/** Statements for roles and memberships; every name goes through {@link Sql#ident}, every value through {@link Sql#literal}. */
final class RoleSql {
    private RoleSql() {}

    static String create(Role role) {
        return "CREATE ROLE " + Sql.ident(role.name()) + " WITH " + String.join(" ", attributes(role));
    }

    /** Every attribute the inventory decides, as CREATE ROLE and ALTER ROLE spell them. */
    static List<String> attributes(Role role) {
        List<String> clauses = new ArrayList<>();
        clauses.add(flag(role.login(), "LOGIN"));
        clauses.add(flag(role.superuser(), "SUPERUSER"));
        clauses.add(flag(role.createdb(), "CREATEDB"));
        clauses.add(flag(role.createrole(), "CREATEROLE"));
        clauses.add(flag(role.replication(), "REPLICATION"));
        clauses.add(connectionLimit(role.connectionLimit()));
        clauses.add(validUntil(role.validUntil()));
        return clauses;
    }

    static String flag(boolean on, String name) {
        return on ? name : "NO" + name;
    }

    static String connectionLimit(int limit) {
        return "CONNECTION LIMIT " + limit;
    }

    /** No expiry is written as {@code infinity}, which PostgreSQL and this planner treat alike. */
    static String validUntil(String validUntil) {
        return "VALID UNTIL " + Sql.literal(validUntil == null ? "infinity" : validUntil);
    }

    static String alter(String role, List<String> clauses) {
        return "ALTER ROLE " + Sql.ident(role) + " WITH " + String.join(" ", clauses);
    }

    /** Removes the role's settings made with {@code ALTER ROLE ... SET}: in {@code database}, or ({@code ""}) in every database. */
    static String resetAll(String role, String database) {
        return "ALTER ROLE " + Sql.ident(role) + (database.isEmpty() ? "" : " IN DATABASE " + Sql.ident(database)) + " RESET ALL";
    }

    static String grantMembership(String group, String member) {
        return "GRANT " + Sql.ident(group) + " TO " + Sql.ident(member);
    }

    static String revokeMembership(String group, String member) {
        return "REVOKE " + Sql.ident(group) + " FROM " + Sql.ident(member);
    }
}
