package dev.provision.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** Reads one entry of {@code roles}; the names of all declared roles are known up front for {@code member_of}. */
final class RoleParser {
    private static final Pattern VALID_UNTIL = Pattern.compile(
            "infinity|\\d{4}-\\d{2}-\\d{2}([ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?)?\\s*(Z|[+-]\\d{2}(:?\\d{2})?)?");

    private final Problems problems;
    private final Set<String> roleNames;

    RoleParser(Problems problems, Set<String> roleNames) {
        this.problems = problems;
        this.roleNames = roleNames;
    }

    Role parse(String name, NodeTuple entry, String server) {
        Node key = entry.getKeyNode();
        if (SafeNames.checkSqlIdentifier(name, "role name", key, problems)) {
            if (name.startsWith("pg_")) {
                problems.error(key, "role name \"" + name + "\" starts with pg_, which PostgreSQL reserves",
                        "choose a name that does not start with pg_");
            } else if (BuiltinRoles.RESERVED.contains(name) || BuiltinRoles.ADMIN.equals(name)) {
                problems.error(key, "role name \"" + name + "\" is reserved", "choose another name");
            } else if (BuiltinRoles.PROVISION_ADMIN.equals(name)) {
                problems.error(key, "role name \"" + name + "\" is provision's own admin role, which provision manages itself",
                        "choose another name");
            }
        }
        String what = "role \"" + name + "\"";
        Fields f = Fields.open(entry.getValueNode(), InventoryKeys.ROLE, what, problems).orElse(null);
        if (f == null) {
            return null;
        }
        String validUntil = f.text("valid_until");
        if (validUntil != null && !VALID_UNTIL.matcher(validUntil).matches()) {
            problems.error(f.value("valid_until"), "valid_until of " + what + " must be a date, a timestamp or infinity",
                    "write e.g. 2026-12-31, 2026-12-31T23:59:59Z or infinity");
            validUntil = null;
        }
        SecretRef password = f.has("password") ? new SecretParser(problems).parse(f.value("password"), "password", what) : null;
        return new Role(name, problems.at(key), f.bool("login", false), f.bool("superuser", false),
                f.bool("createdb", false), f.bool("createrole", false), f.bool("replication", false),
                f.integer("connection_limit", -1, -1, Integer.MAX_VALUE), validUntil, memberOf(f, name, server),
                password);
    }

    private List<String> memberOf(Fields f, String name, String server) {
        List<String> memberOf = new ArrayList<>();
        for (Node item : f.list("member_of")) {
            String group = Fields.scalar(item, "member_of of role \"" + name + "\"", problems);
            if (group == null) {
                continue;
            }
            if (group.equals(name)) {
                problems.error(item, "role \"" + name + "\" cannot be a member of itself", "remove it from member_of");
            } else if (!roleNames.contains(group) && !BuiltinRoles.exists(group)) {
                String hint = Suggestions.hint(group, roleNames);
                problems.error(item, "role \"" + name + "\" is a member of \"" + group + "\", which is not a declared role of "
                        + server, hint.isEmpty() ? "declare it under roles or fix the name" : hint);
            }
            memberOf.add(group);
        }
        return memberOf;
    }
}
