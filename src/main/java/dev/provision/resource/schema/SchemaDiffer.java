package dev.provision.resource.schema;

import java.sql.Connection;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Computes the DDL that turns one live database into the shape of another: our own seam in front of
 * whichever library does the comparison, whose API changes between versions.
 *
 * <p>Both sides are live databases on a server: comparing SQL text with a catalog gives wrong plans.
 * Privileges are not compared: grants are managed on their own.
 */
public interface SchemaDiffer {

    /**
     * The statements, in the order they must run, that make {@code live} match {@code desired}; empty
     * when they already match.
     *
     * @param live opens a new connection to the database to change; the differ closes it
     * @param desired opens a new connection to the database that has the desired shape
     * @param schemas only objects in these schemas are compared (the rest, such as provision's own
     *     records, is left alone)
     */
    List<String> diff(Supplier<Connection> live, Supplier<Connection> desired, Set<String> schemas);
}
