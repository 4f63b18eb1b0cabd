package dev.provision.resource.lxc;

import dev.provision.engine.Connections;
import dev.provision.engine.Mode;
import dev.provision.engine.Parallel;
import dev.provision.engine.Probe;
import dev.provision.engine.ResourceDriver;
import dev.provision.engine.Targets;
import dev.provision.inventory.Container;
import dev.provision.inventory.Host;
import dev.provision.inventory.Inventory;
import dev.provision.plan.Action;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.ResourceAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Hosts and their containers: one read per host, then a pure decision per host and per container. */
public final class LxcDriver implements ResourceDriver {
    /** Hosts read at once. */
    private static final int READERS = 8;

    private final HostReader reader = new HostReader();
    private final HostPlanner hostPlanner = new HostPlanner();
    private final ContainerPlanner containerPlanner = new ContainerPlanner();

    @Override
    public List<PlannedChange> plan(Inventory inventory, Connections connections, Targets targets, Mode mode,
            List<PlannedChange> earlier) {
        List<PlannedChange> changes = new ArrayList<>();
        List<Host> hosts = List.copyOf(inventory.hosts().values());
        for (List<PlannedChange> perHost : Parallel.map(hosts, READERS, host -> plan(inventory, connections, targets, mode, host))) {
            changes.addAll(perHost);
        }
        return changes;
    }

    @Override
    public List<Probe> probes(Inventory inventory, Targets targets, Mode mode) {
        return inventory.hosts().values().stream().map(host -> probe(inventory, targets, mode, host))
                .flatMap(Optional::stream).toList();
    }

    private List<PlannedChange> plan(Inventory inventory, Connections connections, Targets targets, Mode mode, Host host) {
        List<PlannedChange> changes = new ArrayList<>();
        Optional<Probe> probe = probe(inventory, targets, mode, host);
        if (probe.isEmpty()) {
            return changes;
        }
        HostState state = reader.read(probe.get(), connections);
        if (mode == Mode.APPLY) {
            changes.addAll(hostPlanner.plan(host, state, bridges(inventory, targets, host), templates(inventory, targets, host)));
        }
        Set<String> preparedByThisPlan = new java.util.HashSet<>();
        for (Container container : containers(inventory, targets, host)) {
            Creation creation = Creation.choose(container, state, preparedByThisPlan);
            Optional<PlannedChange> change = containerPlanner.plan(container, state, mode, creation);
            if (creation instanceof Creation.PrepareAndClone prepare && change.isPresent()
                    && (change.get().action() == Action.CREATE || change.get().action() == Action.REPLACE)) {
                preparedByThisPlan.add(prepare.base().name());
            }
            change.ifPresent(changes::add);
        }
        return changes;
    }

    /** The read of {@code host}, or none when nothing on it is planned. */
    private static Optional<Probe> probe(Inventory inventory, Targets targets, Mode mode, Host host) {
        List<Container> containers = containers(inventory, targets, host);
        boolean hostTargeted = targets.includes(ResourceAddress.of("hosts", host.name()));
        if (containers.isEmpty() && !(hostTargeted && host.prepare() && mode == Mode.APPLY)) {
            return Optional.empty();
        }
        Set<String> bases = new LinkedHashSet<>();
        if (mode == Mode.APPLY) {
            containers.forEach(c -> Base.of(c).ifPresent(b -> bases.add(b.name())));
        }
        return Optional.of(HostReader.probe(host.name(), List.copyOf(bridges(inventory, targets, host)),
                List.copyOf(bases), containers.stream().map(Container::name).toList()));
    }

    /** The host's targeted containers. */
    private static List<Container> containers(Inventory inventory, Targets targets, Host host) {
        return inventory.containers().values().stream()
                .filter(c -> c.host().equals(host.name()))
                .filter(c -> targets.includes(ResourceAddress.of("containers", c.name())))
                .toList();
    }

    /** The LXC templates to prepare for: those of the targeted containers, or of all the host's containers when it is targeted. */
    private static Set<String> templates(Inventory inventory, Targets targets, Host host) {
        Set<String> templates = new LinkedHashSet<>();
        onHost(inventory, targets, host).forEach(c -> templates.add(c.image().template()));
        return templates;
    }

    /** The bridges to check: those of the targeted containers, or of all the host's containers when it is targeted. */
    private static Set<String> bridges(Inventory inventory, Targets targets, Host host) {
        Set<String> bridges = new LinkedHashSet<>();
        onHost(inventory, targets, host).forEach(c -> bridges.add(c.network().bridge()));
        return bridges;
    }

    /** The host's containers to prepare it for: the targeted ones, or all of them when the host is targeted. */
    private static List<Container> onHost(Inventory inventory, Targets targets, Host host) {
        boolean hostTargeted = targets.includes(ResourceAddress.of("hosts", host.name()));
        List<Container> targeted = containers(inventory, targets, host);
        return inventory.containers().values().stream()
                .filter(c -> c.host().equals(host.name()))
                .filter(c -> hostTargeted || targeted.contains(c))
                .toList();
    }
}
