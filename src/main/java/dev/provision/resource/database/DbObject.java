package dev.provision.resource.database;

import dev.provision.postgres.Sql;
import dev.provision.resource.SchemaObjectPlanner;
import java.util.Comparator;

/**
 * An object privileges apply to: the database, a schema, or a relation or routine in a schema.
 *
 * @param schema {@code null} for the database
 * @param args a routine's argument types as the catalog prints them ({@code integer, text}); {@code null}
 *     for everything else
 */
record DbObject(ObjectKind kind, String schema, String name, String args) {

    static final Comparator<DbObject> ORDER = Comparator.comparing(DbObject::kind)
            .thenComparing(DbObject::qualified);

    static DbObject database(String name) {
        return new DbObject(ObjectKind.DATABASE, null, name, null);
    }

    /** A table, sequence or routine the schema kind's changes create. */
    static DbObject of(SchemaObjectPlanner.NewObject created) {
        return new DbObject(ObjectKind.valueOf(created.kind().name()), created.schema(), created.name(), created.args());
    }

    static DbObject schema(String name) {
        return new DbObject(ObjectKind.SCHEMA, null, name, null);
    }

    /** The schema this object lives in, or is (for a schema); {@code null} for the database. */
    String container() {
        return kind == ObjectKind.SCHEMA ? name : schema;
    }

    /** {@code schema.name}, {@code schema.name(args)} or the bare name, as the plan shows it. */
    String qualified() {
        String base = schema == null ? name : schema + "." + name;
        return args == null ? base : base + "(" + args + ")";
    }

    /**
     * The object as SQL after its GRANT keyword, every name quoted. A routine's argument types come
     * from the catalog's own {@code oidvectortypes} (already quoted where PostgreSQL needs it),
     * never from the inventory.
     */
    String sql() {
        String base = schema == null ? Sql.ident(name) : Sql.ident(schema) + "." + Sql.ident(name);
        return kind.keyword() + " " + (args == null ? base : base + "(" + args + ")");
    }

    String display() {
        return kind.label() + " " + qualified();
    }
}
