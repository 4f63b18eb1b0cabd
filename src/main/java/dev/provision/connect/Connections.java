package dev.provision.connect;

import dev.provision.probe.ProbeBatch;

import dev.provision.inventory.Host;
import dev.provision.inventory.Inventory;
import dev.provision.postgres.PostgresSessions;
import dev.provision.transport.Transport;
import dev.provision.transport.TransportException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One connection per host, opened on first use and shared by every reader and step on that host.
 * Closing closes them all, in reverse order of opening (so a jump host closes last).
 */
public final class Connections implements AutoCloseable {
    private final Inventory inventory;
    private final TransportFactory factory;
    private final Map<String, Transport> open = new LinkedHashMap<>();
    private final ProbeBatch probes = new ProbeBatch(this::get);
    private PostgresSessions postgres;
    private final boolean tunnelled;
    private final Function<Host, ContainerAccess> access;

    /** Connections whose hosts' containers are reached the way {@code access} says for each host (its backend's). */
    public Connections(Inventory inventory, TransportFactory factory, Function<Host, ContainerAccess> access) {
        this(inventory, factory, null, true, access);
    }

    /** Connections that reach into no container (reads and steps on hosts only). */
    public Connections(Inventory inventory, TransportFactory factory) {
        this(inventory, factory, null, true, Connections::noAccess);
    }

    /** Admin sessions come from {@code sessions} instead of SSH tunnels (a server the test started, say). */
    public Connections(Inventory inventory, TransportFactory factory, PostgresSessions sessions) {
        this(inventory, factory, sessions, false, Connections::noAccess);
    }

    private Connections(Inventory inventory, TransportFactory factory, PostgresSessions sessions, boolean tunnelled,
            Function<Host, ContainerAccess> access) {
        this.inventory = inventory;
        this.factory = factory;
        this.postgres = sessions;
        this.tunnelled = tunnelled;
        this.access = access;
    }

    private static ContainerAccess noAccess(Host host) {
        throw new IllegalStateException("no container backend was given for host " + host.name());
    }

    /** How commands, files and connections get into the containers of {@code hostName} (its backend's way). */
    public ContainerAccess access(String hostName) {
        Host host = inventory.hosts().get(hostName);
        if (host == null) {
            throw new IllegalArgumentException("undeclared host " + hostName);
        }
        return access.apply(host);
    }

    /**
     * True when the admin sessions reach each server in its container through its host, so its reads
     * can also be made there by a probe; false when they were given (a server a test started).
     */
    public boolean tunnelled() {
        return tunnelled;
    }

    public synchronized Transport get(String hostName) {
        Transport existing = open.get(hostName);
        if (existing != null) {
            return existing;
        }
        Host host = inventory.hosts().get(hostName);
        if (host == null) {
            throw new IllegalArgumentException("undeclared host " + hostName);
        }
        Transport transport;
        try {
            transport = factory.open(host, this::get);
        } catch (TransportException e) {
            throw new TransportException("host " + hostName + ": " + e.getMessage(), e);
        }
        open.put(hostName, transport);
        return transport;
    }

    /** The probes of the plan being made, run as one command per host. */
    public ProbeBatch probes() {
        return probes;
    }

    /** Ends what one plan started: its probes' results are forgotten (the next plan reads again). */
    public void planEnded() {
        probes.clear();
    }

    /** Admin sessions to the servers, through each host's connection; opened on first use. */
    public synchronized PostgresSessions postgres() {
        if (postgres == null) {
            postgres = new TunnelSessions(inventory, this);
        }
        return postgres;
    }

    @Override
    public synchronized void close() {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
        List<Transport> reversed = new ArrayList<>(open.values());
        java.util.Collections.reverse(reversed);
        for (Transport transport : reversed) {
            transport.close();
        }
        open.clear();
    }
}
