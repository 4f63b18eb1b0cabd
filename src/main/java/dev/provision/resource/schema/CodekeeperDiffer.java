package dev.provision.resource.schema;

import dev.provision.plan.PlanningFailed;
import java.io.IOException;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.pgcodekeeper.core.DatabaseType;
import org.pgcodekeeper.core.api.PgCodeKeeperApi;
import org.pgcodekeeper.core.database.base.jdbc.IJdbcConnector;
import org.pgcodekeeper.core.ignorelist.IgnoreSchemaList;
import org.pgcodekeeper.core.ignorelist.IgnoredObject;
import org.pgcodekeeper.core.loader.DatabaseLoader;
import org.pgcodekeeper.core.loader.LoaderFactory;
import org.pgcodekeeper.core.monitor.NullMonitor;
import org.pgcodekeeper.core.parsers.antlr.base.ScriptParser;
import org.pgcodekeeper.core.schema.AbstractDatabase;
import org.pgcodekeeper.core.schema.PgObjLocation;
import org.pgcodekeeper.core.settings.CoreSettings;

/**
 * A {@link SchemaDiffer} on pgcodekeeper-core: loads both databases from their catalogs and lets it
 * write the migration, ignoring column order (a column added later sits at the end of a live table,
 * and that is not a difference worth rebuilding a table for), privileges, and the values a server sets
 * itself ({@link ServerSetValues}).
 */
public final class CodekeeperDiffer implements SchemaDiffer {
    /** Loads the live side's catalog beside the desired side's; daemon threads, so they never keep the JVM up. */
    private static final Executor CATALOG_LOADS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "provision-catalog");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public List<String> diff(Supplier<Connection> live, Supplier<Connection> desired, Set<String> schemas) {
        CoreSettings settings = settings();
        // The two catalogs load side by side: most of a load is waiting for the server's answers.
        CompletableFuture<AbstractDatabase> current = CompletableFuture.supplyAsync(() -> {
            try {
                return load(settings, live, schemas);
            } catch (IOException e) {
                throw new CompletionException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CompletionException(e);
            }
        }, CATALOG_LOADS);
        try {
            AbstractDatabase target = load(settings, desired, schemas);
            String script = PgCodeKeeperApi.diff(settings, joined(current), target);
            return statements(settings, script);
        } catch (IOException e) {
            throw new PlanningFailed("cannot compare the database with its SQL files: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlanningFailed("interrupted while comparing the database with its SQL files");
        } finally {
            current.cancel(false);
        }
    }

    /** The live catalog, or the failure that loading it met. */
    private static AbstractDatabase joined(CompletableFuture<AbstractDatabase> load) throws IOException, InterruptedException {
        try {
            return load.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    private static CoreSettings settings() {
        CoreSettings settings = new CoreSettings();
        settings.setDbType(DatabaseType.PG);
        settings.setIgnoreColumnOrder(true);
        settings.setIgnorePrivileges(true);
        settings.setAddTransaction(false);
        settings.setConcurrentlyMode(false);
        settings.setTimeZone("UTC");
        return settings;
    }

    private static AbstractDatabase load(CoreSettings settings, Supplier<Connection> source, Set<String> schemas)
            throws IOException, InterruptedException {
        IgnoreSchemaList ignored = new IgnoreSchemaList();
        ignored.setShow(false);
        for (String schema : schemas) {
            ignored.add(new IgnoredObject(schema, null, true, false, false, false, Set.of()));
        }
        DatabaseLoader loader = LoaderFactory.createJdbcLoader(settings, "UTC", new Connector(source),
                new NullMonitor(), ignored);
        AbstractDatabase database = loader.loadAndAnalyze();
        if (!loader.getErrors().isEmpty()) {
            throw new IOException("the catalog could not be read completely: " + loader.getErrors());
        }
        return database;
    }

    /** Splits the script with pgcodekeeper's own parser, so that function bodies stay whole. */
    private static List<String> statements(CoreSettings settings, String script)
            throws IOException, InterruptedException {
        if (script == null || script.isBlank()) {
            return List.of();
        }
        ScriptParser parser = new ScriptParser("diff", script, settings);
        if (parser.getErrorMessage() != null) {
            throw new IOException("the generated script does not parse: " + parser.getErrorMessage());
        }
        List<String> statements = parser.batch().stream().map(PgObjLocation::getSql).map(String::strip)
                .map(s -> s.endsWith(";") ? s.substring(0, s.length() - 1).stripTrailing() : s)
                .filter(s -> !s.isEmpty()).toList();
        if (statements.stream().allMatch(CodekeeperDiffer::isSet)) {
            return List.of();
        }
        // The script starts with session settings its statements rely on (search_path = pg_catalog, so
        // every name is qualified); LOCAL keeps them from outliving the transaction on a shared session.
        return statements.stream().map(s -> isSet(s) ? "SET LOCAL " + s.substring(4) : s).toList();
    }

    private static boolean isSet(String statement) {
        return statement.regionMatches(true, 0, "SET ", 0, 4);
    }

    /** Hands the loader a fresh connection; it closes the connection when it is done. */
    private record Connector(Supplier<Connection> source) implements IJdbcConnector {
        @Override
        public Connection getConnection() throws IOException {
            try {
                return ServerSetValues.hiddenFrom(source.get());
            } catch (RuntimeException e) {
                throw new IOException(e.getMessage(), e);
            }
        }

        @Override
        public String getBatchDelimiter() {
            return null;
        }

        @Override
        public String getUrl() {
            return "provision";
        }
    }
}
