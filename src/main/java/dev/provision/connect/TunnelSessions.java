package dev.provision.connect;

import dev.provision.plan.PlanningFailed;
import dev.provision.probe.Probe;
import dev.provision.probe.ProbeOutput;
import dev.provision.transport.ScriptResource;

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
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admin sessions over the host's SSH connection: a local port forward from this machine to the
 * container's server, as provision's admin role, whose password is read from the root-only file on
 * the host at connect time, with the container's address, by one probe. No admin password is ever in
 * the inventory. A plan with nothing to change opens none: it reads each server ahead, in the container.
 */
public final class TunnelSessions implements PostgresSessions {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String ACCESS = ScriptResource.load(TunnelSessions.class, "probe-access.sh");

    private final Inventory inventory;
    private final Connections connections;
    private final Map<String, PortForward> forwards = new ConcurrentHashMap<>();
    /** Guarded by this. */
    private final Map<String, PostgresSession> sessions = new HashMap<>();

    public TunnelSessions(Inventory inventory, Connections connections) {
        this.inventory = inventory;
        this.connections = connections;
    }

    @Override
    public PostgresSession open(String containerName, String database) {
        String db = database == null ? "postgres" : database;
        String key = containerName + "/" + db;
        synchronized (this) {
            PostgresSession existing = sessions.get(key);
            if (existing != null && existing.isAlive()) {
                return existing;
            }
            if (existing != null) {
                // The server restarted, or its container did (possibly with a new address): start afresh.
                forget(containerName);
            }
        }
        PostgresSession session = new JdbcSession(connect(containerName, db), where(containerName, db), null);
        synchronized (this) {
            PostgresSession raced = sessions.putIfAbsent(key, session);
            if (raced == null) {
                return session;
            }
        }
        session.close();
        synchronized (this) {
            return sessions.get(key);
        }
    }

    /** The probe that reads the admin password and the address of {@code container}'s server on its host. */
    static Probe access(String host, String container) {
        return new Probe(host, "provision-probe-access", ACCESS, List.of(AdminAccess.secretPath(container), container));
    }

    @Override
    public Connection connect(String containerName, String database) {
        return connect(containerName, database == null ? "postgres" : database, readAccess(containerName));
    }

    private CommandResult readAccess(String containerName) {
        Container container = inventory.containers().get(containerName);
        return connections.probes().run(access(container.host(), containerName), TIMEOUT);
    }

    /** @param access what {@link #access} read for the container */
    private Connection connect(String containerName, String db, CommandResult access) {
        String where = where(containerName, db);
        Container container = inventory.containers().get(containerName);
        Transport transport = connections.get(container.host());
        if (!access.succeeded()) {
            throw new PlanningFailed(where + ": provision's admin access is not set up on host " + container.host()
                    + " (" + AdminAccess.secretPath(containerName) + " is missing); run apply to set it up");
        }
        String ipv4 = "";
        String password = "";
        for (ProbeOutput.Entry entry : ProbeOutput.parse(access.stdout())) {
            switch (entry.key()) {
                case "ipv4" -> ipv4 = entry.value();
                case "password" -> password = entry.value();
                default -> { }
            }
        }
        ContainerAccess into = connections.access(container.host());
        String addresses = ipv4;
        PortForward forward = forwards.computeIfAbsent(containerName, name -> forward(into, transport, container, addresses));
        Properties properties = new Properties();
        properties.setProperty("user", AdminAccess.ROLE);
        properties.setProperty("password", password.strip());
        // Names this run, for whoever finds its sessions (or its database locks) in pg_stat_activity.
        properties.setProperty("ApplicationName", "provision pid " + ProcessHandle.current().pid());
        properties.setProperty("connectTimeout", "15");
        // The local end of the tunnel always accepts at once; what can hang is the server's answer behind it.
        properties.setProperty("loginTimeout", "30");
        properties.setProperty("sslmode", "disable");
        try {
            return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + forward.localPort() + "/" + db, properties);
        } catch (SQLException e) {
            forget(containerName); // a tunnel that failed once is not trusted with the next attempt
            throw new PlanningFailed(where + ": cannot connect as " + AdminAccess.ROLE + " through the SSH tunnel: "
                    + e.getMessage() + ". Check that listen_addresses includes the container's address (or '*')"
                    + " and that the server runs; plan shows both");
        }
    }

    /** Closes and forgets the sessions and the tunnel of one container. */
    private synchronized void forget(String containerName) {
        List<AutoCloseable> stale = new ArrayList<>();
        sessions.entrySet().removeIf(e -> e.getKey().startsWith(containerName + "/") && stale.add(e.getValue()));
        PortForward forward = forwards.remove(containerName);
        if (forward != null) {
            stale.add(forward);
        }
        closeAll(stale);
    }

    private static String where(String containerName, String db) {
        return "containers." + containerName + ".postgres (database " + db + ")";
    }

    /** @param ipv4 the value of the probe's "ipv4" record: the container's addresses, none when it has none */
    private static PortForward forward(ContainerAccess into, Transport transport, Container container, String ipv4) {
        String ip = ipv4.strip().split("\\s+")[0];
        if (ip.isEmpty()) {
            throw new PlanningFailed("containers." + container.name() + ": the container has no IPv4 address;"
                    + " is it running? run plan to see its state");
        }
        return into.forward(transport, container.name(), ip, container.postgres().port());
    }

    @Override
    public void close() {
        List<AutoCloseable> all;
        synchronized (this) {
            all = new ArrayList<>(sessions.values());
            all.addAll(forwards.values());
            sessions.clear();
            forwards.clear();
        }
        closeAll(all);
    }

    private static void closeAll(List<AutoCloseable> all) {
        for (AutoCloseable closeable : all) {
            try {
                closeable.close();
            } catch (Exception e) {
                // closing is best effort: the SSH connection closes next and takes the rest with it
            }
        }
    }
}
