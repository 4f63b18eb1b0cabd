package dev.provision.testing;

import dev.provision.postgres.JdbcSession;
import dev.provision.postgres.PostgresSession;
import dev.provision.postgres.PostgresSessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
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
 * A throwaway PostgreSQL 15 server for tests: initdb and pg_ctl from the machine's packages, run as the
 * {@code postgres} OS user, in a temporary directory, on a free loopback port, with every statement
 * logged ({@code log_statement=all}) to a file the test can read. Tests connect as
 * {@code provision_admin}, a superuser, the way provision does in production.
 */
public final class PostgresServer implements AutoCloseable {
    public static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
    public static final String ADMIN = "provision_admin";

    private final Path dir;
    private final int port;

    private PostgresServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** True when this machine can run one (the binaries exist and tests run as root, for runuser). */
    public static boolean available() {
        return Files.isExecutable(BIN.resolve("initdb")) && "root".equals(System.getProperty("user.name"));
    }

    public static PostgresServer start() {
        return start(List.of());
    }

    /** A server started with these extra {@code name=value} settings on its command line (a library to preload, say). */
    public static PostgresServer start(List<String> settings) {
        try {
            Path dir = Files.createTempDirectory("provision-pg-");
            UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, postgres);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            int port = freePort();
            run("initdb", "-D", dir.resolve("data").toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                    "--locale=C.UTF-8", "-N");
            // in postgresql.conf rather than on the command line, so a test can override it with ALTER SYSTEM
            Files.writeString(dir.resolve("data").resolve("postgresql.conf"), "\nlog_statement = 'all'\n", StandardOpenOption.APPEND);
            run("pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(), "-w", "-o",
                    "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                            + settings.stream().map(setting -> " -c " + setting).collect(java.util.stream.Collectors.joining()),
                    "start");
            PostgresServer server = new PostgresServer(dir, port);
            try (Connection c = server.connect("postgres", "postgres")) {
                c.createStatement().execute("CREATE ROLE " + ADMIN + " LOGIN SUPERUSER");
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    /** Where its Unix-domain socket is, for psql ({@code -h}). */
    public Path socketDirectory() {
        return dir;
    }

    /** Everything the server has logged so far, every statement included. */
    public String log() {
        try {
            return Files.readString(dir.resolve("server.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A session to {@code database} as provision's admin role. */
    public PostgresSession session(String database) {
        try {
            return new JdbcSession(connect(database, ADMIN), "test/" + database, null);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sessions opened on first use, one per database, like provision's tunnels. */
    public PostgresSessions sessions() {
        return new PostgresSessions() {
            private final Map<String, PostgresSession> open = new HashMap<>();

            @Override
            public synchronized PostgresSession open(String container, String database) {
                return open.computeIfAbsent(database == null ? "postgres" : database, PostgresServer.this::session);
            }

            @Override
            public synchronized void close() {
                open.values().forEach(PostgresSession::close);
                open.clear();
            }
        };
    }

    /**
     * Drops every database and role a test made, and every setting it made with ALTER SYSTEM, ALTER
     * DATABASE or ALTER ROLE, so the next test starts from a new server's state.
     */
    public void reset() {
        try (PostgresSession s = session("postgres")) {
            List<String> statements = new ArrayList<>(List.of("ALTER SYSTEM RESET ALL", "SELECT pg_reload_conf()",
                    "ALTER ROLE " + ADMIN + " RESET ALL", "ALTER ROLE " + ADMIN + " IN DATABASE postgres RESET ALL",
                    "ALTER DATABASE postgres RESET ALL"));
            for (Map<String, Object> row : s.query("SELECT datname FROM pg_database WHERE datname NOT IN ('postgres', 'template0', 'template1')")) {
                statements.add("DROP DATABASE " + dev.provision.postgres.Sql.ident((String) row.get("datname")) + " WITH (FORCE)");
            }
            for (Map<String, Object> row : s.query("SELECT rolname FROM pg_roles WHERE rolname !~ '^pg_' AND rolname NOT IN ('postgres', ?)", ADMIN)) {
                String role = dev.provision.postgres.Sql.ident((String) row.get("rolname"));
                statements.add("DROP OWNED BY " + role + " CASCADE");
                statements.add("DROP ROLE " + role);
            }
            statements.add("DROP SCHEMA IF EXISTS provision CASCADE"); // provision's record of what it created
            statements.forEach(s::executeAlone);
        }
    }

    @Override
    public void close() {
        try {
            run("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temporary directory is harmless
            }
        }
    }

    private Connection connect(String database, String user) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("sslmode", "disable");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, properties);
    }

    private static void run(String program, String... args) {
        List<String> command = new ArrayList<>(List.of("runuser", "-u", "postgres", "--", BIN.resolve(program).toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
