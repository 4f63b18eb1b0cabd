package dev.provision.postgres;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An admin connection to one database of one server: the only way drivers talk SQL. Values go in
 * as bind parameters; identifiers are quoted by {@link Sql#ident(String)} before they reach here.
 */
public interface PostgresSession extends AutoCloseable {

    /**
     * True while the connection still works; false once the server restarted or the container stopped
     * under it, after which a new session is needed.
     */
    boolean isAlive();

    /** Runs a read-only query with bind parameters; small catalog results as column name to value, in order. */
    List<Map<String, Object>> query(String sql, Object... params);

    /** Runs the statements in one transaction: all of them or, on the first error, none. */
    void executeInTransaction(List<String> statements);

    /** Runs one statement on its own, outside any transaction (CREATE DATABASE, ALTER SYSTEM, ...). */
    void executeAlone(String statement);

    /**
     * Sets a role's password, hashed with SCRAM-SHA-256 on this side: the clear text never reaches the
     * server, and the statement carrying the verifier runs after {@link Unlogged#SETTINGS}, so neither
     * reaches the server's log, whatever its settings.
     */
    void setPassword(String role, char[] password);

    /** True when {@code password} matches the role's stored SCRAM verifier (so an unchanged password is not set again). */
    default boolean passwordMatches(String role, char[] password) {
        return matchingPasswords(Map.of(role, password)).contains(role);
    }

    /** Reads the stored verifiers of the roles in its one parameter (a text array of role names). */
    String PASSWORDS = "SELECT rolname, rolpassword FROM pg_authid WHERE rolname = ANY(?::text[])";

    /**
     * The roles among {@code passwords} whose stored SCRAM verifier matches the password given for
     * them; the same check as {@link #passwordMatches}, for many roles at once, in one query
     * ({@link #passwordsRead}). The verifiers are checked here and never leave this method.
     */
    default Set<String> matchingPasswords(Map<String, char[]> passwords) {
        Set<String> matching = new HashSet<>();
        if (passwords.isEmpty()) {
            return matching;
        }
        for (Map<String, Object> row : query(PASSWORDS, (Object) new TreeSet<>(passwords.keySet()).toArray(String[]::new))) {
            String role = (String) row.get("rolname");
            String verifier = (String) row.get("rolpassword");
            if (verifier != null && ScramVerifier.matches(verifier, passwords.get(role))) {
                matching.add(role);
            }
        }
        return matching;
    }

    /** The read {@link #matchingPasswords} makes for {@code roles}, to declare it ahead. */
    static Read passwordsRead(Collection<String> roles) {
        return Read.of("postgres", PASSWORDS, (Object) new TreeSet<>(roles).toArray(String[]::new));
    }

    @Override
    void close();
}
