package dev.provision.plan;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Every kind of hazard a plan can carry, by the stable name users give to {@code --allow} (and to a
 * database's {@code allow} for the kinds of schema objects). The plan, its JSON, the help text and
 * shell completion all take the names from here.
 */
public enum HazardKind {
    CONTAINER_REPLACE("container-replace", false, "a container is destroyed and created again"),
    CONTAINER_DESTROY("container-destroy", false, "a container and everything in it is deleted"),
    DATABASE_RECREATE("database-recreate", false, "a database is dropped and created empty (encoding or locale)"),
    DATABASE_DROP("database-drop", false, "a database no longer declared is dropped with its data"),
    SCHEMA_DROP("schema-drop", false, "a schema no longer declared is dropped with everything in it"),
    ROLE_DROP("role-drop", false, "a role no longer declared owns objects, which are reassigned before it is dropped"),
    DROP_TABLE("drop-table", true, "a table is dropped with its rows"),
    DROP_COLUMN("drop-column", true, "a column is dropped with its data"),
    COLUMN_TYPE_REWRITE("column-type-rewrite", true, "a column's type change rewrites its table"),
    NOT_NULL_WITHOUT_DEFAULT("not-null-without-default", true, "NOT NULL on a table with rows"),
    BLOCKING_INDEX_BUILD("blocking-index-build", true, "an index build blocks writes on a large table"),
    RESTORE_IN_PLACE("restore-in-place", false, "a server is restored over itself: its data since the restore point is lost");

    private final String id;
    private final boolean schemaObjects;
    private final String meaning;

    HazardKind(String id, boolean schemaObjects, String meaning) {
        this.id = id;
        this.schemaObjects = schemaObjects;
        this.meaning = meaning;
    }

    /** The name users allow, such as {@code container-replace}. */
    public String id() {
        return id;
    }

    /** True for the kinds a change to a database's schema objects carries (a database's {@code allow} accepts them). */
    public boolean schemaObjects() {
        return schemaObjects;
    }

    /** One line on what the kind means, for help. */
    public String meaning() {
        return meaning;
    }

    /** The kind named {@code id}, if there is one. */
    public static Optional<HazardKind> of(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }

    /** Every name, in declaration order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(HazardKind::id).toList();
    }

    /** The names as picocli's completion candidates for {@code --allow}. */
    public static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return ids().iterator();
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
