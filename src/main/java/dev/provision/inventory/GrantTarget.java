package dev.provision.inventory;

/**
 * What a grant applies to. {@code name} is the object's name (qualified for tables, sequences and
 * functions), or the schema name for the {@code *_IN} kinds, which mean every such object in the
 * schema now and, through default privileges, in the future.
 */
public record GrantTarget(Kind kind, String name) {

    public enum Kind {
        DATABASE, SCHEMA, TABLE, SEQUENCE, FUNCTION, TABLES_IN, SEQUENCES_IN, FUNCTIONS_IN
    }
}
