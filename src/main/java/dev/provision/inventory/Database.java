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
        List<Grant> grants) {

    public Database {
        settings = Maps.ordered(settings);
        schemas = Maps.ordered(schemas);
        extensions = Maps.ordered(extensions);
        sql = List.copyOf(sql);
        grants = List.copyOf(grants);
    }
}
