package dev.provision.resource.database;

import dev.provision.inventory.Database;
import dev.provision.postgres.Sql;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Statements for databases and their per-database settings; names quoted by {@link Sql#ident}, values by {@link Sql#literal}. */
final class DatabaseSql {
    /** Parameters whose value is a list: each element is written as its own literal, as PostgreSQL expects. */
    private static final Set<String> LISTS = Set.of("search_path", "temp_tablespaces", "local_preload_libraries",
            "session_preload_libraries");

    private DatabaseSql() {}

    /** CREATE DATABASE, which PostgreSQL runs only outside a transaction. */
    static String create(Database db, String template) {
        StringBuilder sql = new StringBuilder("CREATE DATABASE ").append(Sql.ident(db.name())).append(" WITH")
                .append(" OWNER ").append(Sql.ident(DatabasePlanner.owner(db)));
        sql.append(" TEMPLATE ").append(Sql.ident(template));
        if (db.encoding() != null) {
            sql.append(" ENCODING ").append(Sql.literal(db.encoding()));
        }
        if (db.collation() != null) {
            sql.append(" LC_COLLATE ").append(Sql.literal(db.collation()));
        }
        if (db.ctype() != null) {
            sql.append(" LC_CTYPE ").append(Sql.literal(db.ctype()));
        }
        return sql.append(" CONNECTION LIMIT ").append(db.connectionLimit()).toString();
    }

    static String drop(String database) {
        return "DROP DATABASE " + Sql.ident(database);
    }

    static String owner(String database, String owner) {
        return "ALTER DATABASE " + Sql.ident(database) + " OWNER TO " + Sql.ident(owner);
    }

    static String connectionLimit(String database, int limit) {
        return "ALTER DATABASE " + Sql.ident(database) + " WITH CONNECTION LIMIT " + limit;
    }

    static String set(String database, String parameter, String value) {
        List<String> values = LISTS.contains(parameter) ? Arrays.stream(value.split(",")).map(String::strip).toList() : List.of(value);
        return "ALTER DATABASE " + Sql.ident(database) + " SET " + parameter(parameter) + " = "
                + values.stream().map(Sql::literal).collect(Collectors.joining(", "));
    }

    static String reset(String database, String parameter) {
        return "ALTER DATABASE " + Sql.ident(database) + " RESET " + parameter(parameter);
    }

    /** A parameter name, each dotted part quoted ({@code "app"."setting"} for a custom one). */
    private static String parameter(String name) {
        return Arrays.stream(name.split("\\.", -1)).map(Sql::ident).collect(Collectors.joining("."));
    }
}
