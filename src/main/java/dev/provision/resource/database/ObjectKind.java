package dev.provision.resource.database;

import dev.provision.inventory.GrantTarget;
import java.util.List;

/** A kind of object privileges are granted on, with the keyword GRANT uses and every privilege it knows. */
enum ObjectKind {
    DATABASE("DATABASE", List.of("CREATE", "CONNECT", "TEMPORARY")),
    SCHEMA("SCHEMA", List.of("USAGE", "CREATE")),
    TABLE("TABLE", List.of("SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER")),
    SEQUENCE("SEQUENCE", List.of("USAGE", "SELECT", "UPDATE")),
    /** Functions, procedures and aggregates alike: GRANT ... ON ROUTINE covers them all. */
    FUNCTION("ROUTINE", List.of("EXECUTE"));

    private final String keyword;
    private final List<String> privileges;

    ObjectKind(String keyword, List<String> privileges) {
        this.keyword = keyword;
        this.privileges = privileges;
    }

    String keyword() {
        return keyword;
    }

    /** Every privilege of this kind, in the order GRANT lists them; what ALL expands to. */
    List<String> privileges() {
        return privileges;
    }

    String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The kind of object a grant target names; the {@code *_in} kinds name objects inside a schema. */
    static ObjectKind of(GrantTarget.Kind kind) {
        return switch (kind) {
            case DATABASE -> DATABASE;
            case SCHEMA -> SCHEMA;
            case TABLE, TABLES_IN -> TABLE;
            case SEQUENCE, SEQUENCES_IN -> SEQUENCE;
            case FUNCTION, FUNCTIONS_IN -> FUNCTION;
        };
    }
}
