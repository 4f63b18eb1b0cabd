package dev.provision.resource.schema;

import dev.provision.inventory.Container;
import dev.provision.inventory.Database;
import dev.provision.inventory.Inventory;
import dev.provision.inventory.InventoryLoader;
import dev.provision.inventory.Loaded;
import dev.provision.inventory.Schema;
import dev.provision.inventory.SqlFile;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.Step;
import dev.provision.postgres.PostgresSession;
import dev.provision.postgres.PostgresSessions;
import dev.provision.postgres.Sql;
import dev.provision.testing.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The root inventory's event store on a throwaway server: one database per test, prepared the way the
 * database driver leaves it (owner role, database, declared schemas), and planned and applied the way
 * the engine and the applier do it.
 */
final class SchemaFixture implements AutoCloseable {
    static final Inventory INVENTORY = load();
    static final Container CONTAINER = INVENTORY.containers().get("event-store");
    static final Database EVENT_STORE = CONTAINER.postgres().databases().get("stock_analysis_event_store");

    private final PostgresSessions sessions;
    private final SchemaDriver driver;

    SchemaFixture(PostgresServer server, double largeTableRows) {
        this(server, largeTableRows, true);
    }

    /** @param cache whether plans keep and reuse the shadow of the desired state ({@link DesiredStateCache}) */
    SchemaFixture(PostgresServer server, double largeTableRows, boolean cache) {
        this.sessions = new Sessions(server);
        this.driver = new SchemaDriver(new CodekeeperDiffer(), largeTableRows, note -> {}, cache);
        PostgresSession admin = sessions.open(CONTAINER.name(), null);
        if (admin.query("SELECT 1 FROM pg_roles WHERE rolname = ?", EVENT_STORE.owner()).isEmpty()) {
            admin.executeAlone("CREATE ROLE " + Sql.ident(EVENT_STORE.owner()));
        }
    }

    PostgresSessions sessions() {
        return sessions;
    }

    @Override
    public void close() {
        sessions.close();
    }

    /** Sessions like provision's tunnels, plus new JDBC connections for the schema comparison. */
    private static final class Sessions implements PostgresSessions {
        private final PostgresServer server;
        private final Map<String, PostgresSession> open = new java.util.HashMap<>();

        Sessions(PostgresServer server) {
            this.server = server;
        }

        @Override
        public synchronized PostgresSession open(String container, String database) {
            return open.computeIfAbsent(database == null ? "postgres" : database, server::session);
        }

        @Override
        public java.sql.Connection connect(String container, String database) {
            java.util.Properties properties = new java.util.Properties();
            properties.setProperty("user", PostgresServer.ADMIN);
            properties.setProperty("sslmode", "disable");
            try {
                return java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/"
                        + (database == null ? "postgres" : database), properties);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("cannot connect to the test server: " + e.getMessage(), e);
            }
        }

        @Override
        public synchronized void close() {
            open.values().forEach(PostgresSession::close);
            open.clear();
        }
    }

    /** The event store's declaration under another name, with other SQL files (written to a temporary directory). */
    static Database database(String name, String... sqlTexts) {
        try {
            Path dir = Files.createTempDirectory("provision-sql-");
            List<SqlFile> files = new ArrayList<>();
            for (int i = 0; i < sqlTexts.length; i++) {
                Path file = dir.resolve("file" + i + ".sql");
                Files.writeString(file, sqlTexts[i]);
                files.add(new SqlFile(file.toString(), EVENT_STORE.at()));
            }
            return withFiles(name, files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A declaration whose SQL file and migrations live in {@code dir} under fixed names (schema.sql,
     * m0.sql, m1.sql, ...), so that a migration keeps its path from one plan to the next.
     */
    static Database database(Path dir, String name, String sql, String... migrations) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("schema.sql"), sql);
            List<SqlFile> files = new ArrayList<>();
            for (int i = 0; i < migrations.length; i++) {
                Files.writeString(dir.resolve("m" + i + ".sql"), migrations[i]);
                files.add(new SqlFile(dir.resolve("m" + i + ".sql").toString(), EVENT_STORE.at()));
            }
            Database d = EVENT_STORE;
            return new Database(name, d.at(), d.owner(), d.encoding(), null, null, d.template(), d.connectionLimit(),
                    d.settings(), d.schemas(), d.extensions(), List.of(new SqlFile(dir.resolve("schema.sql").toString(), d.at())),
                    d.grants(), files, d.allow());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event store's declaration under another name, with its own SQL files. */
    static Database eventStore(String name) {
        return withFiles(name, EVENT_STORE.sql());
    }

    static String seedSql() {
        try {
            return Files.readString(INVENTORY.baseDir().resolve("schema/event_store.sql"))
                    + Files.readString(INVENTORY.baseDir().resolve("schema/projections.sql"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the database and its schemas, as the database driver would before this driver runs. */
    void createDatabase(Database db) {
        sessions.open(CONTAINER.name(), null).executeAlone("CREATE DATABASE " + Sql.ident(db.name())
                + " OWNER " + Sql.ident(db.owner()));
        PostgresSession session = sessions.open(CONTAINER.name(), db.name());
        for (Schema schema : db.schemas().values()) {
            session.executeAlone("CREATE SCHEMA " + Sql.ident(schema.name()) + " AUTHORIZATION "
                    + Sql.ident(schema.owner() == null ? db.owner() : schema.owner()));
        }
    }

    Optional<PlannedChange> plan(Database db) {
        return driver.plan(INVENTORY.baseDir(), CONTAINER, db, sessions);
    }

    /** Runs a change's steps exactly as the applier does. */
    void apply(PlannedChange change) {
        for (Step step : change.steps()) {
            Step.Sql sql = (Step.Sql) step;
            PostgresSession session = sessions.open(sql.container(), sql.database());
            if (sql.transactional()) {
                session.executeInTransaction(sql.statements());
            } else {
                sql.statements().forEach(session::executeAlone);
            }
        }
    }

    /** Runs statements in the database as its admin, as someone changing it by hand would. */
    void byHand(Database db, String... statements) {
        PostgresSession session = sessions.open(CONTAINER.name(), db.name());
        for (String statement : statements) {
            session.executeAlone(statement);
        }
    }

    List<Map<String, Object>> query(Database db, String sql, Object... params) {
        return sessions.open(CONTAINER.name(), db.name()).query(sql, params);
    }

    /** Scratch databases left on the server, the cached shadow of the desired state aside (kept on purpose). */
    long shadowsLeft() {
        return sessions.open(CONTAINER.name(), null).query("SELECT datname FROM pg_database WHERE datname LIKE 'provision\\_shadow%'"
                + " AND datname NOT LIKE '%\\_cache'")
                .size();
    }

    private static Database withFiles(String name, List<SqlFile> files) {
        Database d = EVENT_STORE;
        return new Database(name, d.at(), d.owner(), d.encoding(), null, null, d.template(), d.connectionLimit(),
                d.settings(), d.schemas(), d.extensions(), files, d.grants(), d.migrations(), d.allow());
    }

    private static Inventory load() {
        Loaded loaded = new InventoryLoader().load(Path.of("inventory.yaml"));
        if (!loaded.isValid()) {
            throw new IllegalStateException("the root inventory must be valid: " + loaded.diagnostics().sorted());
        }
        return loaded.inventory();
    }
}
