package dev.provision.resource.schema;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Hides, from the catalog reads of the schema comparison, the values a PostgreSQL server sets on its
 * own and that SQL files cannot declare, so that they are never planned as differences.
 *
 * <p>Known: the attribute option {@code pg_attver=<n>} that some builds (the test bed's 15.20) stamp on
 * every column they create, with a value that differs between any two databases; such a server accepts
 * {@code ALTER COLUMN ... SET (pg_attver=...)} and ignores it, others refuse it. The comparison reads
 * columns' options with one expression over {@code pg_attribute.attoptions}; it is rewritten to leave
 * these options out. Everything else the connection does is passed through unchanged.
 */
final class ServerSetValues {
    /** Attribute options a server sets itself on every column. */
    static final List<String> ATTRIBUTE_OPTIONS = List.of("pg_attver");

    /** How pgcodekeeper-core 13.1 reads a column's options (TablesReader). */
    static final String ATTRIBUTE_OPTIONS_READ = "pg_catalog.array_to_string(a.attoptions, ',')";

    private ServerSetValues() {}

    /** {@code connection}, whose queries see no server-set value; closing it closes {@code connection}. */
    static Connection hiddenFrom(Connection connection) {
        return proxy(Connection.class, connection, (method, args) -> {
            if (method.getName().startsWith("prepare") && args != null && args.length > 0 && args[0] instanceof String sql) {
                args[0] = rewrite(sql);
            }
            Object result = method.invoke(connection, args);
            return result instanceof Statement statement && method.getName().equals("createStatement")
                    ? statement(statement) : result;
        });
    }

    /** The query with every read of columns' options replaced by one that leaves server-set options out. */
    static String rewrite(String sql) {
        if (!sql.contains(ATTRIBUTE_OPTIONS_READ)) {
            return sql;
        }
        String names = String.join("|", ATTRIBUTE_OPTIONS);
        String filtered = "NULLIF(pg_catalog.btrim(pg_catalog.regexp_replace(" + ATTRIBUTE_OPTIONS_READ
                + ", '(^|,)(" + names + ")=[^,]*', '', 'g'), ','), '')";
        return sql.replace(ATTRIBUTE_OPTIONS_READ, Matcher.quoteReplacement(filtered));
    }

    private static Statement statement(Statement statement) {
        return proxy(Statement.class, statement, (method, args) -> {
            if (args != null && args.length > 0 && args[0] instanceof String sql
                    && (method.getName().startsWith("execute") || method.getName().equals("addBatch"))) {
                args[0] = rewrite(sql);
            }
            return method.invoke(statement, args);
        });
    }

    private interface Call {
        Object invoke(Method method, Object[] args) throws ReflectiveOperationException;
    }

    private static <T> T proxy(Class<T> type, T target, Call call) {
        InvocationHandler handler = (self, method, args) -> {
            try {
                return call.invoke(method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(ServerSetValues.class.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
