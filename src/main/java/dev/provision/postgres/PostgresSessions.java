package dev.provision.postgres;

/** Opens admin sessions to the servers the inventory declares, one per container and database. */
public interface PostgresSessions extends AutoCloseable {

    /**
     * An open session to {@code database} on the server in {@code container}; the same one is returned
     * while this object is open. {@code null} database means the maintenance database {@code postgres}.
     */
    PostgresSession open(String container, String database);

    @Override
    void close();
}
