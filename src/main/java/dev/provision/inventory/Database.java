package dev.provision.inventory;

import dev.provision.diag.SourceRange;
import java.util.List;
import java.util.Map;

/**
 * A database and what it holds.
 *
 * @param template the template database; {@code template0} is implied when the encoding or locale
 *     differ from the server's, and {@code null} means "choose automatically"
 * @param sql the SQL files describing the desired schema objects, relative to the inventory
 * @param migrations SQL files run once each, in order, before the schema objects are compared
 * @param allow kinds of schema hazards this database accepts without {@code --allow} (see {@link #SCHEMA_HAZARDS})
 */
public record Database(
        String name,
        SourceRange at,
        String owner,
        String encoding,
        String collation,
        String ctype,
        String template,
        int connectionLimit,
        Map<String, Setting> settings,
        Map<String, Schema> schemas,
        Map<String, Extension> extensions,
        List<SqlFile> sql,
        List<Grant> grants,
        List<SqlFile> migrations,
        List<String> allow) {

    /** The kinds of hazard a change to schema objects can carry, as {@code allow} and {@code --allow} name them. */
    public static final List<String> SCHEMA_HAZARDS = java.util.Arrays.stream(dev.provision.plan.HazardKind.values())
            .filter(dev.provision.plan.HazardKind::schemaObjects).map(dev.provision.plan.HazardKind::id).toList();

    public Database {
        settings = Maps.ordered(settings);
        schemas = Maps.ordered(schemas);
        extensions = Maps.ordered(extensions);
        sql = List.copyOf(sql);
        grants = List.copyOf(grants);
        migrations = List.copyOf(migrations);
        allow = List.copyOf(allow);
    }
}
