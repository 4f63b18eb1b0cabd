package dev.provision.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.provision.postgres.JdbcSession;
import dev.provision.postgres.PostgresSession;
import dev.provision.postgres.PostgresSessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL 15 server for tests: initdb into a temporary directory as the
 * {@code postgres} OS user, listening on a free loopback port, stopped and deleted on close.
 *
 * <p>It has provision's admin role, {@code provision_admin}, as a superuser, so code under test
 * talks to it exactly as it talks to a server in a container. Tests that need it are skipped on a
 * machine without the binaries or without root.
 */
public final class PostgresServer implements AutoCloseable {
    public static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final String ADMIN = "provision_admin";
    private static final String PASSWORD = "test-only-admin-password";

    private final Path dir;
    private final int port;

    private PostgresServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts a fresh server, or skips the calling test when this machine cannot run one. */
    public static PostgresServer start() {
        assumeTrue(Files.isExecutable(BIN.resolve("postgres")), "PostgreSQL 15 binaries under " + BIN);
        assumeTrue("root".equals(System.getProperty("user.name")), "root, to run the server as the postgres user");
        try {
            Path dir = Files.createTempDirectory("provision-pg-");
            run(List.of("chown", "postgres:", dir.toString()));
            Path data = dir.resolve("data");
            int port = freePort();
            runAsPostgres(List.of(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                    "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"));
            runAsPostgres(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", "60",
                    "-l", dir.resolve("server.log").toString(), "-o",
                    "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
            PostgresServer server = new PostgresServer(dir, port);
            server.bootstrapAdmin();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** A new connection as provision's admin role; the caller closes it. */
    public Connection connect(String database) {
        Properties properties = new Properties();
        properties.setProperty("user", ADMIN);
        properties.setProperty("password", PASSWORD);
        properties.setProperty("sslmode", "disable");
        try {
            return DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + port + "/" + (database == null ? "postgres" : database), properties);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to the test server: " + e.getMessage(), e);
        }
    }

    /** Admin sessions to this server for any container name, as {@code TunnelSessions} gives them in production. */
    public PostgresSessions sessions() {
        return new Sessions();
    }

    @Override
    public void close() {
        try {
            runAsPostgres(List.of(BIN.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(),
                    "-m", "immediate", "-w", "stop"));
        } catch (RuntimeException e) {
            // the server may already be gone; the directory is removed either way
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    private void bootstrapAdmin() {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("sslmode", "disable");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", properties);
                var statement = c.createStatement()) {
            statement.execute("CREATE ROLE " + ADMIN + " LOGIN SUPERUSER PASSWORD '" + PASSWORD + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the admin role: " + e.getMessage(), e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void runAsPostgres(List<String> argv) {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        full.addAll(argv);
        run(full);
    }

    private static void run(List<String> argv) {
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", argv) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** One session per database, shared while open, like the production implementation. */
    private final class Sessions implements PostgresSessions {
        private final Map<String, PostgresSession> open = new HashMap<>();

        @Override
        public synchronized PostgresSession open(String container, String database) {
            String db = database == null ? "postgres" : database;
            return open.computeIfAbsent(db, name -> new JdbcSession(PostgresServer.this.connect(name), container + "/" + name, null));
        }

        @Override
        public Connection connect(String container, String database) {
            return PostgresServer.this.connect(database);
        }

        @Override
        public synchronized void close() {
            open.values().forEach(PostgresSession::close);
            open.clear();
        }
    }
}
