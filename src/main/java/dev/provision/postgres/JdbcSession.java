package dev.provision.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;

/** A {@link PostgresSession} over one JDBC connection; SQL errors become {@link SqlFailed} with the statement. */
public final class JdbcSession implements PostgresSession {
    private final Connection connection;
    private final String where;
    private final AutoCloseable onClose;

    /**
     * @param where names the server and database in messages, such as {@code event-store/stock}
     * @param onClose closed after the connection (a tunnel, say); may be {@code null}
     */
    public JdbcSession(Connection connection, String where, AutoCloseable onClose) {
        this.connection = connection;
        this.where = where;
        this.onClose = onClose;
    }

    @Override
    public boolean isAlive() {
        try {
            return connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public List<Map<String, Object>> query(String sql, Object... params) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        Object value = rs.getObject(c);
                        row.put(meta.getColumnLabel(c), value instanceof java.sql.Array array ? Arrays.asList((Object[]) array.getArray()) : value);
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new SqlFailed(where, sql, e);
        }
    }

    @Override
    public void executeInTransaction(List<String> statements) {
        String current = null;
        try {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    current = sql;
                    statement.execute(sql);
                }
            }
            connection.commit();
        } catch (SQLException e) {
            rollback();
            throw new SqlFailed(where, current, e);
        } finally {
            autoCommit();
        }
    }

    @Override
    public void executeAlone(String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new SqlFailed(where, sql, e);
        }
    }

    @Override
    public void setPassword(String role, char[] password) {
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute(Unlogged.BEFORE);
            }
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String setting : Unlogged.SETTINGS) {
                    statement.execute(setting);
                }
            }
            connection.unwrap(PGConnection.class).alterUserPassword(role, password, "scram-sha-256");
            connection.commit();
        } catch (SQLException e) {
            rollback();
            throw new SqlFailed(where, "ALTER ROLE " + Sql.ident(role) + " PASSWORD '(hidden)'", e);
        } finally {
            Arrays.fill(password, '\0');
            autoCommit();
            resetSampling();
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // closing a connection that already failed: nothing left to release
        }
        if (onClose != null) {
            try {
                onClose.close();
            } catch (Exception e) {
                // the tunnel is gone either way
            }
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the connection is broken; the server rolls the transaction back itself
        }
    }

    private void resetSampling() {
        try (Statement statement = connection.createStatement()) {
            statement.execute(Unlogged.AFTER);
        } catch (SQLException e) {
            // a broken session: it samples nothing more, and the failure that broke it is the one to report
        }
    }

    private void autoCommit() {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // left for the next statement to report
        }
    }

}
