package dev.provision.resource;

import dev.provision.inventory.Database;
import dev.provision.plan.PlannedChange;
import dev.provision.postgres.PostgresSessions;
import dev.provision.postgres.Read;
import java.util.List;

/**
 * Where the schema objects of a database's SQL files are planned (issue E). The database driver calls
 * it after the database's schemas and extensions and before its grants, so the grants of the same
 * plan cover the tables, sequences and routines it creates.
 */
public interface SchemaObjectPlanner {

    /** Plans nothing: for servers whose SQL files are not managed yet. */
    SchemaObjectPlanner NONE = (host, container, db, sessions) -> new Result(List.of(), List.of());

    /**
     * @param sessions the server's sessions, to read the database; {@code null} when this plan creates
     *     (or recreates) the database, so it holds nothing yet
     */
    Result plan(String host, String container, Database db, PostgresSessions sessions);

    /** The queries {@link #plan} makes in {@code db}'s server when nothing changed, so they can be read ahead. */
    default List<Read> reads(Database db) {
        return List.of();
    }

    /**
     * @param changes run in this order, between the schemas and the grants; they should create objects
     *     as the owner of their schema (for example {@code SET ROLE} inside their transaction), which is
     *     whom the default privileges are for
     * @param created the objects the changes create, so their grants are planned now rather than on
     *     the next run
     */
    record Result(List<PlannedChange> changes, List<NewObject> created) {
        public Result {
            changes = List.copyOf(changes);
            created = List.copyOf(created);
        }
    }

    /**
     * A table (or view, materialized view), sequence or routine a change creates.
     *
     * @param args a routine's argument types as PostgreSQL prints them ({@code integer, text}), else {@code null}
     */
    record NewObject(Kind kind, String schema, String name, String args) {
        public enum Kind { TABLE, SEQUENCE, FUNCTION }
    }
}
