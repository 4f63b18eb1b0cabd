package dev.provision.resource.database;

import dev.provision.inventory.Role;
import dev.provision.plan.Action;
import dev.provision.plan.AdminAccess;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Cause;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.Step;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides what each declared role needs: creation, attribute changes, memberships granted or revoked,
 * a password set. Roles come out so that a role is created before the roles that are members of it.
 * Undeclared roles are left to {@link RemovalPlanner}, and provision's own admin role and postgres are never touched.
 * Pure: no I/O.
 */
final class RolePlanner {
    private static final Set<String> UNTOUCHABLE = Set.of(AdminAccess.ROLE, "postgres");

    List<PlannedChange> plan(Server server, Collection<Role> declared, ClusterState cluster, Map<String, PasswordStatus> passwords) {
        List<PlannedChange> changes = new ArrayList<>();
        for (Role role : ordered(declared)) {
            if (UNTOUCHABLE.contains(role.name())) {
                continue;
            }
            RoleState actual = cluster.roles().get(role.name());
            if (actual == null) {
                changes.add(create(server, role));
            } else {
                update(server, role, actual, cluster, passwords.get(role.name())).ifPresent(changes::add);
            }
        }
        return changes;
    }

    private static PlannedChange create(Server server, Role role) {
        List<String> statements = new ArrayList<>();
        statements.add(RoleSql.create(role));
        role.memberOf().forEach(group -> statements.add(RoleSql.grantMembership(group, role.name())));
        List<Step> steps = new ArrayList<>();
        steps.add(server.sql(null, statements, true));
        steps.add(server.sql(null, Ownership.record(List.of(Owned.Entry.role(role.name()))), true));
        List<AttributeChange> attributes = new ArrayList<>();
        attributes.add(new AttributeChange("login", null, String.valueOf(role.login())));
        if (role.connectionLimit() != -1) {
            attributes.add(new AttributeChange("connection_limit", null, String.valueOf(role.connectionLimit())));
        }
        if (!role.memberOf().isEmpty()) {
            attributes.add(new AttributeChange("member_of", null, String.join(", ", role.memberOf())));
        }
        if (role.password() != null) {
            attributes.add(new AttributeChange("password", null, "(from " + role.password() + ")"));
            steps.add(new Step.SetPassword(server.host(), server.container(), role.name(), role.password()));
        }
        return new PlannedChange(server.role(role.name()), Action.CREATE, Cause.INVENTORY, "role does not exist",
                attributes, List.of(), steps);
    }

    private static java.util.Optional<PlannedChange> update(Server server, Role role, RoleState actual, ClusterState cluster,
            PasswordStatus password) {
        List<AttributeChange> attributes = new ArrayList<>();
        List<String> clauses = new ArrayList<>();
        flag(attributes, clauses, "login", actual.login(), role.login());
        flag(attributes, clauses, "superuser", actual.superuser(), role.superuser());
        flag(attributes, clauses, "createdb", actual.createdb(), role.createdb());
        flag(attributes, clauses, "createrole", actual.createrole(), role.createrole());
        flag(attributes, clauses, "replication", actual.replication(), role.replication());
        if (actual.connectionLimit() != role.connectionLimit()) {
            attributes.add(new AttributeChange("connection_limit", String.valueOf(actual.connectionLimit()),
                    String.valueOf(role.connectionLimit())));
            clauses.add(RoleSql.connectionLimit(role.connectionLimit()));
        }
        String wanted = role.validUntil() == null ? null : cluster.validUntil().get(role.validUntil());
        if (!sameExpiry(actual.validUntil(), wanted)) {
            attributes.add(new AttributeChange("valid_until", expiry(actual.validUntil()),
                    role.validUntil() == null ? "infinity" : role.validUntil()));
            clauses.add(RoleSql.validUntil(role.validUntil()));
        }
        List<String> statements = new ArrayList<>();
        if (!clauses.isEmpty()) {
            statements.add(RoleSql.alter(role.name(), clauses));
        }
        Set<String> memberOf = new TreeSet<>(role.memberOf());
        if (!memberOf.equals(new TreeSet<>(actual.memberOf()))) {
            attributes.add(new AttributeChange("member_of", String.join(", ", new TreeSet<>(actual.memberOf())),
                    String.join(", ", memberOf)));
            memberOf.stream().filter(g -> !actual.memberOf().contains(g))
                    .forEach(g -> statements.add(RoleSql.grantMembership(g, role.name())));
            new TreeSet<>(actual.memberOf()).stream().filter(g -> !memberOf.contains(g))
                    .forEach(g -> statements.add(RoleSql.revokeMembership(g, role.name())));
        }
        List<Step> steps = new ArrayList<>();
        if (!statements.isEmpty()) {
            steps.add(server.sql(null, statements, true));
        }
        if (role.password() != null && password != null && password != PasswordStatus.MATCHES) {
            attributes.add(new AttributeChange("password", password == PasswordStatus.WILL_BE_GENERATED
                    ? "(secret not generated yet)" : "(does not match the secret)", "(from " + role.password() + ")"));
            steps.add(new Step.SetPassword(server.host(), server.container(), role.name(), role.password()));
        }
        if (steps.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new PlannedChange(server.role(role.name()), Action.UPDATE, Cause.DRIFT,
                "role differs from the inventory", attributes, List.of(), steps));
    }

    private static void flag(List<AttributeChange> attributes, List<String> clauses, String name, boolean actual, boolean wanted) {
        if (actual != wanted) {
            attributes.add(new AttributeChange(name, String.valueOf(actual), String.valueOf(wanted)));
            clauses.add(RoleSql.flag(wanted, name.toUpperCase(java.util.Locale.ROOT)));
        }
    }

    /** Both in seconds since the epoch as the server prints them; no expiry and infinity are the same. */
    static boolean sameExpiry(String actual, String wanted) {
        boolean actualNever = actual == null || actual.equals("Infinity");
        boolean wantedNever = wanted == null || wanted.equals("Infinity");
        if (actualNever || wantedNever) {
            return actualNever == wantedNever;
        }
        return new BigDecimal(actual).compareTo(new BigDecimal(wanted)) == 0;
    }

    private static String expiry(String epoch) {
        if (epoch == null || epoch.equals("Infinity")) {
            return "infinity";
        }
        if (epoch.equals("-Infinity")) {
            return "-infinity";
        }
        return Instant.ofEpochMilli(new BigDecimal(epoch).movePointRight(3).longValue()).toString();
    }

    /** Groups before their members (validation has already rejected loops). */
    static List<Role> ordered(Collection<Role> roles) {
        Map<String, Role> byName = new LinkedHashMap<>();
        roles.forEach(r -> byName.put(r.name(), r));
        List<Role> ordered = new ArrayList<>();
        Set<String> done = new java.util.HashSet<>();
        for (Role role : roles) {
            visit(role, byName, done, ordered, new java.util.HashSet<>());
        }
        return ordered;
    }

    private static void visit(Role role, Map<String, Role> byName, Set<String> done, List<Role> ordered, Set<String> path) {
        if (done.contains(role.name()) || !path.add(role.name())) {
            return;
        }
        for (String group : role.memberOf()) {
            Role declared = byName.get(group);
            if (declared != null) {
                visit(declared, byName, done, ordered, path);
            }
        }
        done.add(role.name());
        ordered.add(role);
    }
}
