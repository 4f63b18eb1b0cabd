package dev.provision.inventory;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** Reads one entry of {@code databases}: owner, locale, settings, schemas, extensions, SQL files and grants. */
final class DatabaseParser {
    private static final Pattern ENCODING = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Problems problems;
    private final Set<String> roleNames;
    private final SettingsParser settingsParser;
    private final Path baseDir;

    DatabaseParser(Problems problems, Set<String> roleNames, SettingsParser settingsParser, Path baseDir) {
        this.problems = problems;
        this.roleNames = roleNames;
        this.settingsParser = settingsParser;
        this.baseDir = baseDir;
    }

    Database parse(String name, NodeTuple entry, Long memoryLimit) {
        Node key = entry.getKeyNode();
        if (SafeNames.checkSqlIdentifier(name, "database name", key, problems)
                && Set.of("template0", "template1").contains(name)) {
            problems.error(key, "database name \"" + name + "\" is a template PostgreSQL owns", "choose another name");
        }
        String what = "database \"" + name + "\"";
        Fields f = Fields.open(entry.getValueNode(), InventoryKeys.DATABASE, what, problems).orElse(null);
        if (f == null) {
            return null;
        }
        String owner = owner(f, what);
        String encoding = pattern(f, "encoding", ENCODING, "an encoding name such as UTF8");
        String collation = pattern(f, "collation", SafeNames.LOCALE, "a locale name such as en_US.UTF-8 or C");
        String ctype = pattern(f, "ctype", SafeNames.LOCALE, "a locale name such as en_US.UTF-8 or C");
        String template = f.choice("template", List.of("template0", "template1"), null);
        int connectionLimit = f.integer("connection_limit", -1, -1, Integer.MAX_VALUE);
        Map<String, Setting> settings = settingsParser.parse(f.named("settings"), SettingsParser.Level.DATABASE, memoryLimit);
        Map<String, Schema> schemas = schemas(f, name);
        Map<String, Extension> extensions = extensions(f, name, schemas.keySet());
        List<SqlFile> sql = sqlFiles(f, "sql", true);
        List<SqlFile> migrations = sqlFiles(f, "migrations", false);
        List<String> allow = allow(f);
        List<Grant> grants = new ArrayList<>();
        GrantParser grantParser = new GrantParser(problems, roleNames);
        for (Node item : f.list("grants")) {
            Grant grant = grantParser.parse(item, name, schemas.keySet());
            if (grant != null) {
                grants.add(grant);
            }
        }
        return new Database(name, problems.at(key), owner, encoding, collation, ctype, template, connectionLimit,
                settings, schemas, extensions, sql, grants, migrations, allow);
    }

    private String owner(Fields f, String what) {
        String owner = f.text("owner");
        if (owner != null && SafeNames.checkSqlIdentifier(owner, "owner", f.value("owner"), problems)
                && !roleNames.contains(owner) && !BuiltinRoles.ADMIN.equals(owner)) {
            String hint = Suggestions.hint(owner, roleNames);
            problems.error(f.value("owner"), "owner of " + what + " is \"" + owner + "\", which is not a declared role",
                    hint.isEmpty() ? "declare it under roles or fix the name" : hint);
        }
        return owner;
    }

    private String pattern(Fields f, String key, Pattern pattern, String shape) {
        String value = f.text(key);
        if (value != null && !pattern.matcher(value).matches()) {
            problems.error(f.value(key), f.label(key) + " \"" + value + "\" is not valid", "write " + shape);
            return null;
        }
        return value;
    }

    private Map<String, Schema> schemas(Fields database, String name) {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        database.named("schemas").forEach((schema, tuple) -> {
            SafeNames.checkSqlIdentifier(schema, "schema name", tuple.getKeyNode(), problems);
            String what = "schema \"" + schema + "\" of database \"" + name + "\"";
            Fields f = Fields.open(tuple.getValueNode(), InventoryKeys.SCHEMA, what, problems).orElse(null);
            if (f != null) {
                schemas.put(schema, new Schema(schema, problems.at(tuple.getKeyNode()), owner(f, what)));
            }
        });
        return schemas;
    }

    private Map<String, Extension> extensions(Fields database, String name, Set<String> schemas) {
        Map<String, Extension> extensions = new LinkedHashMap<>();
        database.named("extensions").forEach((extension, tuple) -> {
            SafeNames.checkSqlIdentifier(extension, "extension name", tuple.getKeyNode(), problems);
            String what = "extension \"" + extension + "\" of database \"" + name + "\"";
            Fields f = Fields.open(tuple.getValueNode(), InventoryKeys.EXTENSION, what, problems).orElse(null);
            if (f == null) {
                return;
            }
            String version = pattern(f, "version", VERSION, "a version such as \"1.3\" (quote it)");
            String schema = f.text("schema");
            if (schema != null && SafeNames.checkSqlIdentifier(schema, "schema", f.value("schema"), problems)
                    && !schema.equals("public") && !schemas.contains(schema)) {
                problems.error(f.value("schema"), what + " goes into schema \"" + schema + "\", which is not declared",
                        "declare it under schemas, or leave schema out to use the default");
            }
            extensions.put(extension, new Extension(extension, problems.at(tuple.getKeyNode()), version, schema));
        });
        return extensions;
    }

    private List<String> allow(Fields database) {
        List<String> kinds = new ArrayList<>();
        for (Node item : database.list("allow")) {
            String kind = Fields.scalar(item, "hazard kind", problems);
            if (kind != null && !Database.SCHEMA_HAZARDS.contains(kind)) {
                String hint = Suggestions.hint(kind, Database.SCHEMA_HAZARDS);
                problems.error(item, "unknown hazard kind \"" + kind + "\" in allow",
                        hint.isEmpty() ? "use one of " + String.join(", ", Database.SCHEMA_HAZARDS) : hint);
            } else if (kind != null) {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    /** The files under {@code key}, parsed; schema files ({@code lint}) are also checked for the seed's mistakes. */
    private List<SqlFile> sqlFiles(Fields database, String key, boolean lint) {
        List<SqlFile> files = new ArrayList<>();
        List<SqlFile> readable = new ArrayList<>();
        for (Node item : database.list(key)) {
            String path = Fields.scalar(item, "sql file", problems);
            if (path == null) {
                continue;
            }
            if (!readable(path)) {
                problems.error(item, "SQL file \"" + path + "\" does not exist or is not readable",
                        "paths are relative to the inventory's directory; fix the path or add the file");
            } else {
                readable.add(new SqlFile(path, problems.at(item)));
            }
            files.add(new SqlFile(path, problems.at(item)));
        }
        new SqlLinter(problems).lint(baseDir, readable, !lint);
        return files;
    }

    private boolean readable(String path) {
        try {
            Path resolved = baseDir.resolve(path);
            return !path.isBlank() && Files.isRegularFile(resolved) && Files.isReadable(resolved);
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
