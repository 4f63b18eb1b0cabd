package dev.provision.postgres;

/** Opens admin sessions to the servers the inventory declares, one per container and database. */
public interface PostgresSessions extends AutoCloseable {

    /**
     * An open session to {@code database} on the server in {@code container}; the same one is returned
     * while this object is open. {@code null} database means the maintenance database {@code postgres}.
     */
    PostgresSession open(String container, String database);

    /**
     * A new JDBC connection to {@code database} as the admin role, owned and closed by the caller. For
     * libraries that read the catalog over their own connection (the schema differ), and for sessions
     * to short-lived databases (a shadow database must be dropped with no session left open on it).
     * Implementations that serve the schema comparison override it; the others need not.
     */
    default java.sql.Connection connect(String container, String database) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not open JDBC connections");
    }

    @Override
    void close();
}
