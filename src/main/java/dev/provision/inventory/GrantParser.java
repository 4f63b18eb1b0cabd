package dev.provision.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one entry of a database's {@code grants}: a declared role, privileges valid for the kind
 * of object, and one target ({@code on}) whose schema is declared in the same database.
 */
final class GrantParser {
    private static final List<String> TABLE = List.of("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER");
    private static final List<String> SEQUENCE = List.of("USAGE", "SELECT", "UPDATE");
    private static final List<String> FUNCTION = List.of("EXECUTE");
    private static final Map<GrantTarget.Kind, List<String>> PRIVILEGES = Map.of(
            GrantTarget.Kind.DATABASE, List.of("CREATE", "CONNECT", "TEMPORARY", "TEMP"),
            GrantTarget.Kind.SCHEMA, List.of("CREATE", "USAGE"),
            GrantTarget.Kind.TABLE, TABLE, GrantTarget.Kind.TABLES_IN, TABLE,
            GrantTarget.Kind.SEQUENCE, SEQUENCE, GrantTarget.Kind.SEQUENCES_IN, SEQUENCE,
            GrantTarget.Kind.FUNCTION, FUNCTION, GrantTarget.Kind.FUNCTIONS_IN, FUNCTION);
    private static final Pattern QUALIFIED = Pattern.compile("([a-z_][a-z0-9_]{0,62})\\.([a-z_][a-z0-9_]{0,62})");
    private static final Pattern SIGNATURE = Pattern.compile("([a-z_][a-z0-9_]{0,62})\\.([a-z_][a-z0-9_]{0,62})\\(([a-z0-9_ ,.\\[\\]]*)\\)");

    private final Problems problems;
    private final Set<String> roleNames;

    GrantParser(Problems problems, Set<String> roleNames) {
        this.problems = problems;
        this.roleNames = roleNames;
    }

    /** A grant in database {@code database}, whose declared schemas are {@code schemas}. */
    Grant parse(Node node, String database, Set<String> schemas) {
        String what = "grant in database \"" + database + "\"";
        Fields f = Fields.open(node, InventoryKeys.GRANT, what, problems).orElse(null);
        if (f == null) {
            return null;
        }
        String role = f.required("role");
        if (role != null && !role.equals("public") && SafeNames.checkSqlIdentifier(role, "role", f.value("role"), problems)
                && !roleNames.contains(role) && !BuiltinRoles.exists(role)) {
            String hint = Suggestions.hint(role, roleNames);
            problems.error(f.value("role"), "grant to role \"" + role + "\", which is not declared under roles",
                    hint.isEmpty() ? "declare it under roles or fix the name" : hint);
        }
        GrantTarget on = f.has("on") ? target(f.value("on"), database, schemas) : null;
        if (!f.has("on")) {
            f.missing("on");
        }
        if (!f.has("privileges")) {
            f.missing("privileges");
        }
        List<String> privileges = privileges(f, on);
        return new Grant(problems.at(node), role, privileges, on);
    }

    private List<String> privileges(Fields f, GrantTarget on) {
        List<String> privileges = new ArrayList<>();
        List<Node> items = f.list("privileges");
        if (f.has("privileges") && items.isEmpty() && f.value("privileges") instanceof SequenceNode) {
            problems.error(f.value("privileges"), "privileges is empty", "list at least one privilege, or ALL");
        }
        for (Node item : items) {
            String text = Fields.scalar(item, "privilege", problems);
            if (text == null) {
                continue;
            }
            String privilege = text.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
            privilege = privilege.equals("ALL PRIVILEGES") ? "ALL" : privilege;
            List<String> valid = on == null ? null : PRIVILEGES.get(on.kind());
            if (valid != null && !privilege.equals("ALL") && !valid.contains(privilege)) {
                problems.error(item, "privilege " + text + " does not apply to " + describe(on.kind()),
                        "use " + String.join(", ", valid) + " or ALL");
            }
            privileges.add(privilege);
        }
        if (privileges.contains("ALL") && privileges.size() > 1) {
            problems.error(f.value("privileges"), "ALL already includes the other privileges listed", "write only ALL, or drop it");
        }
        return privileges;
    }

    private GrantTarget target(Node node, String database, Set<String> schemas) {
        Fields f = Fields.open(node, InventoryKeys.GRANT_TARGET, "on of grant", problems).orElse(null);
        if (f == null) {
            return null;
        }
        List<String> kinds = InventoryKeys.of(InventoryKeys.GRANT_TARGET).stream().filter(f::has).toList();
        if (kinds.size() != 1) {
            problems.error(node, "on must name exactly one object, not " + kinds.size(),
                    "write e.g. on: { tables_in: SCHEMA } or on: { database: NAME }; use one grant per object");
            return null;
        }
        String key = kinds.get(0);
        GrantTarget.Kind kind = GrantTarget.Kind.valueOf(key.toUpperCase(Locale.ROOT));
        String name = f.required(key);
        Node at = f.value(key);
        if (name == null) {
            return null;
        }
        switch (kind) {
            case DATABASE -> {
                if (!name.equals(database)) {
                    problems.error(at, "a grant on database \"" + name + "\" is listed under database \"" + database + "\"",
                            "move it under databases." + name + ".grants, or fix the name");
                }
            }
            case SCHEMA, TABLES_IN, SEQUENCES_IN, FUNCTIONS_IN -> checkSchema(name, at, database, schemas);
            case TABLE, SEQUENCE -> qualified(QUALIFIED.matcher(name), name, at, "schema.name", database, schemas);
            case FUNCTION -> qualified(SIGNATURE.matcher(name), name, at, "schema.name(argument types), e.g. s.f(integer)",
                    database, schemas);
            default -> throw new IllegalStateException(kind.toString());
        }
        return new GrantTarget(kind, name);
    }

    private void qualified(Matcher matcher, String name, Node at, String shape, String database, Set<String> schemas) {
        if (!matcher.matches()) {
            problems.error(at, "\"" + name + "\" is not a safe qualified name", "write " + shape + "; "
                    + SafeNames.SQL_IDENTIFIER_RULE);
            return;
        }
        checkSchema(matcher.group(1), at, database, schemas);
    }

    private void checkSchema(String schema, Node at, String database, Set<String> schemas) {
        if (!SafeNames.checkSqlIdentifier(schema, "schema", at, problems)) {
            return;
        }
        if (!schema.equals("public") && !schemas.contains(schema)) {
            String hint = Suggestions.hint(schema, schemas);
            problems.error(at, "grant on schema \"" + schema + "\", which is not declared in database \"" + database + "\"",
                    hint.isEmpty() ? "declare it under schemas or fix the name" : hint);
        }
    }

    private static String describe(GrantTarget.Kind kind) {
        return switch (kind) {
            case DATABASE -> "a database";
            case SCHEMA -> "a schema";
            case TABLE, TABLES_IN -> "tables";
            case SEQUENCE, SEQUENCES_IN -> "sequences";
            case FUNCTION, FUNCTIONS_IN -> "functions";
        };
    }
}
