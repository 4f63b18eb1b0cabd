package dev.provision.postgres;

import java.util.Arrays;
import java.util.List;

/**
 * A query a plan knows it will run against one database of a server, declared ahead so that all of a
 * server's reads run together ({@link PsqlReads}); {@link PrefetchedSession} answers it when asked.
 *
 * @param database the database to run it in ({@code postgres} for the cluster-wide catalogs)
 * @param searchPath the search_path it runs with ({@code null}: the default)
 * @param params bind parameters, as {@link PostgresSession#query} takes them: strings, string arrays, numbers, booleans
 * @param relation a table the read needs ({@code schema.table}), or {@code null}: when it does not exist
 *     the read is not made, rather than failing (and leaving an error in the server's log); the plan,
 *     which checks for the table first, then never asks for it
 */
public record Read(String database, String searchPath, String sql, List<Object> params, String relation) {

    public Read {
        params = List.copyOf(params);
    }

    public Read(String database, String searchPath, String sql, List<Object> params) {
        this(database, searchPath, sql, params, null);
    }

    public static Read of(String database, String sql, Object... params) {
        return new Read(database, null, sql, Arrays.asList(params));
    }

    /** The same read with {@code search_path} set to {@code path}. */
    public Read withSearchPath(String path) {
        return new Read(database, path, sql, params, relation);
    }

    /** The same read, made only when the table {@code qualifiedName} exists. */
    public Read ifExists(String qualifiedName) {
        return new Read(database, searchPath, sql, params, qualifiedName);
    }

    /** What identifies the read's answer (not the table it needs): arrays compared by content. */
    public String key() {
        return database + "\0" + searchPath + "\0" + sql + "\0" + Arrays.deepToString(params.toArray());
    }
}
