package dev.provision.inventory;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/** Reads one {@code hba} rule and checks that the databases and roles it names are declared. */
final class HbaParser {
    static final List<String> TYPES = List.of("local", "host", "hostssl", "hostnossl", "hostgssenc", "hostnogssenc");
    static final List<String> METHODS = List.of("trust", "reject", "scram-sha-256", "md5", "password", "gss", "sspi",
            "ident", "peer", "ldap", "radius", "cert", "pam", "bsd");
    private static final Set<String> DATABASE_KEYWORDS = Set.of("all", "sameuser", "samerole", "samegroup", "replication");
    private static final Set<String> BUILTIN_DATABASES = Set.of("postgres", "template1");
    private static final Set<String> ADDRESS_KEYWORDS = Set.of("all", "samehost", "samenet");
    private static final Pattern IPV6_CIDR = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*/\\d{1,3}");

    private final Problems problems;
    private final Set<String> roleNames;
    private final Set<String> databaseNames;

    HbaParser(Problems problems, Set<String> roleNames, Set<String> databaseNames) {
        this.problems = problems;
        this.roleNames = roleNames;
        this.databaseNames = databaseNames;
    }

    HbaRule parse(Node node, String server) {
        Fields f = Fields.open(node, InventoryKeys.HBA_RULE, "hba rule of " + server, problems).orElse(null);
        if (f == null) {
            return null;
        }
        String type = f.choice("type", TYPES, null);
        if (!f.has("type")) {
            f.missing("type");
        }
        String database = f.required("database");
        if (database != null) {
            checkNames(f.value("database"), database, "database", databaseNames, server);
        }
        String user = f.required("user");
        if (user != null) {
            checkNames(f.value("user"), user, "role", roleNames, server);
        }
        String address = f.text("address");
        if ("local".equals(type) && address != null) {
            problems.error(f.key("address"), "a local rule has no address", "remove address, or use type: host");
        } else if (type != null && !"local".equals(type)) {
            if (address == null) {
                problems.error(node, "a " + type + " rule needs an address", "add address, e.g. address: 10.0.3.0/24");
            } else if (!isAddress(address)) {
                problems.error(f.value("address"), "address \"" + address + "\" is not a CIDR or keyword",
                        "write an address with prefix length such as 10.0.3.0/24, or all, samehost, samenet");
            }
        }
        String method = f.choice("method", METHODS, null);
        if (!f.has("method")) {
            f.missing("method");
        }
        return new HbaRule(problems.at(node), type, database, user, address, method);
    }

    private static boolean isAddress(String address) {
        return ADDRESS_KEYWORDS.contains(address) || NetworkParser.cidr(address) != null
                || IPV6_CIDR.matcher(address).matches();
    }

    /** Checks a comma-separated database or user list as pg_hba.conf reads it. */
    private void checkNames(Node at, String list, String kind, Set<String> declared, String server) {
        for (String raw : list.split(",", -1)) {
            String name = raw.strip();
            if (name.startsWith("@") || (kind.equals("database") ? DATABASE_KEYWORDS : Set.of("all")).contains(name)) {
                continue;
            }
            if (kind.equals("role") && name.startsWith("+")) {
                name = name.substring(1);
            }
            if (!SafeNames.checkSqlIdentifier(name, kind + " in hba rule", at, problems)) {
                continue;
            }
            boolean builtin = kind.equals("database") ? BUILTIN_DATABASES.contains(name) : BuiltinRoles.exists(name);
            if (!declared.contains(name) && !builtin) {
                String hint = Suggestions.hint(name, declared);
                problems.error(at, "hba rule names " + kind + " \"" + name + "\", which is not declared in " + server,
                        hint.isEmpty() ? "declare it under " + kind + "s, fix the name, or use all" : hint);
            }
        }
    }
}
