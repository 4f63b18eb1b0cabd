package dev.provision.resource.database;

import dev.provision.plan.Action;
import dev.provision.plan.AdminAccess;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Cause;
import dev.provision.plan.PlannedChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plans the removal of every setting on provision's admin role, which provision never declares: such
 * a setting is drift, and one like {@code log_statement} would change what provision's own sessions
 * do. Pure: no I/O.
 */
final class AdminRolePlanner {

    Optional<PlannedChange> plan(Server server, ClusterState cluster) {
        RoleState admin = cluster.roles().get(AdminAccess.ROLE);
        if (admin == null || admin.settings().isEmpty()) {
            return Optional.empty();
        }
        List<AttributeChange> attributes = new ArrayList<>();
        List<String> statements = new ArrayList<>();
        for (Map.Entry<String, List<String>> byDatabase : admin.settings().entrySet()) {
            String database = byDatabase.getKey();
            for (String entry : byDatabase.getValue()) {
                int eq = entry.indexOf('=');
                String name = eq < 0 ? entry : entry.substring(0, eq);
                attributes.add(new AttributeChange("setting " + name + (database.isEmpty() ? "" : " in database " + database),
                        eq < 0 ? "" : entry.substring(eq + 1), null));
            }
            statements.add(RoleSql.resetAll(AdminAccess.ROLE, database));
        }
        return Optional.of(new PlannedChange(server.role(AdminAccess.ROLE), Action.UPDATE, Cause.DRIFT,
                "provision's admin role has settings provision did not make (ALTER ROLE ... SET)", attributes, List.of(),
                List.of(server.sql(null, statements, true))));
    }
}
