package dev.provision.resource.database;

import dev.provision.postgres.Sql;

/** Statements for schemas and extensions; names quoted by {@link Sql#ident}, versions by {@link Sql#literal}. */
final class SchemaSql {
    private SchemaSql() {}

    /** {@code owner} null: the schema belongs to the role that runs the statement. */
    static String create(String schema, String owner) {
        return "CREATE SCHEMA " + Sql.ident(schema) + (owner == null ? "" : " AUTHORIZATION " + Sql.ident(owner));
    }

    static String owner(String schema, String owner) {
        return "ALTER SCHEMA " + Sql.ident(schema) + " OWNER TO " + Sql.ident(owner);
    }

    static String createExtension(String extension, String schema, String version) {
        return "CREATE EXTENSION " + Sql.ident(extension) + " WITH"
                + (schema == null ? "" : " SCHEMA " + Sql.ident(schema))
                + (version == null ? "" : " VERSION " + Sql.literal(version));
    }

    static String updateExtension(String extension, String version) {
        return "ALTER EXTENSION " + Sql.ident(extension) + " UPDATE TO " + Sql.literal(version);
    }

    static String extensionSchema(String extension, String schema) {
        return "ALTER EXTENSION " + Sql.ident(extension) + " SET SCHEMA " + Sql.ident(schema);
    }
}
