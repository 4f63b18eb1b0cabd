package dev.provision.engine;

import dev.provision.inventory.Container;
import dev.provision.inventory.Inventory;
import dev.provision.plan.AdminAccess;
import dev.provision.postgres.JdbcSession;
import dev.provision.postgres.PostgresSession;
import dev.provision.postgres.PostgresSessions;
import dev.provision.transport.CommandResult;
import dev.provision.transport.PortForward;
import dev.provision.transport.Transport;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Admin sessions over the host's SSH connection: a local port forward from this machine to the
 * container's server, as provision's admin role, whose password is read from the root-only file on
 * the host at connect time (with the container's address, by one probe that the first plan batches
 * with the host's other probes). No admin password is ever in the inventory.
 */
public final class TunnelSessions implements PostgresSessions {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String ACCESS = ScriptResource.load(TunnelSessions.class, "probe-access.sh");

    private final Inventory inventory;
    private final Connections connections;
    private final Map<String, PortForward> forwards = new HashMap<>();
    private final Map<String, PostgresSession> sessions = new HashMap<>();

    public TunnelSessions(Inventory inventory, Connections connections) {
        this.inventory = inventory;
        this.connections = connections;
    }

    @Override
    public synchronized PostgresSession open(String containerName, String database) {
        String db = database == null ? "postgres" : database;
        String key = containerName + "/" + db;
        PostgresSession existing = sessions.get(key);
        if (existing != null) {
            return existing;
        }
        PostgresSession session = new JdbcSession(connect(containerName, db), where(containerName, db), null);
        sessions.put(key, session);
        return session;
    }

    /** The probe that reads the admin password and the address of {@code container}'s server on its host. */
    public static Probe access(String host, String container) {
        return new Probe(host, "provision-probe-access", ACCESS, List.of(AdminAccess.secretPath(container), container));
    }

    @Override
    public synchronized Connection connect(String containerName, String database) {
        String db = database == null ? "postgres" : database;
        String where = where(containerName, db);
        Container container = inventory.containers().get(containerName);
        Transport transport = connections.get(container.host());
        CommandResult access = connections.probes().run(access(container.host(), containerName), TIMEOUT);
        if (!access.succeeded()) {
            throw new PlanningFailed(where + ": provision's admin access is not set up on host " + container.host()
                    + " (" + AdminAccess.secretPath(containerName) + " is missing); run apply to set it up");
        }
        String ipv4 = access.stdout().substring(0, access.stdout().indexOf('\n'));
        String password = access.stdout().substring(ipv4.length() + 1);
        PortForward forward = forwards.computeIfAbsent(containerName, name -> forward(transport, container, ipv4));
        Properties properties = new Properties();
        properties.setProperty("user", AdminAccess.ROLE);
        properties.setProperty("password", password.strip());
        properties.setProperty("ApplicationName", "provision");
        properties.setProperty("connectTimeout", "15");
        properties.setProperty("sslmode", "disable");
        try {
            return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + forward.localPort() + "/" + db, properties);
        } catch (SQLException e) {
            throw new PlanningFailed(where + ": cannot connect as " + AdminAccess.ROLE + " through the SSH tunnel: "
                    + e.getMessage() + ". Check that listen_addresses includes the container's address (or '*')"
                    + " and that the server runs; plan shows both");
        }
    }

    private static String where(String containerName, String db) {
        return "containers." + containerName + ".postgres (database " + db + ")";
    }

    /** @param ipv4 the probe's "ipv4 ..." line */
    private static PortForward forward(Transport transport, Container container, String ipv4) {
        String ip = ipv4.substring("ipv4".length()).strip().split("\\s+")[0];
        if (ip.isEmpty()) {
            throw new PlanningFailed("containers." + container.name() + ": the container has no IPv4 address;"
                    + " is it running? run plan to see its state");
        }
        return transport.forward(ip, container.postgres().port());
    }

    @Override
    public synchronized void close() {
        List<AutoCloseable> all = new ArrayList<>(sessions.values());
        all.addAll(forwards.values());
        for (AutoCloseable closeable : all) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing is best effort: the SSH connection closes next and takes the rest with it
            }
        }
        sessions.clear();
        forwards.clear();
    }
}
