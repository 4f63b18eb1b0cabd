package dev.provision.resource.lxc;

import dev.provision.engine.Connections;
import dev.provision.engine.Mode;
import dev.provision.engine.Parallel;
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
import java.util.Set;

/** Hosts and their containers: one read per host, then a pure decision per host and per container. */
public final class LxcDriver implements ResourceDriver {
    /** Hosts read at once. */
    private static final int READERS = 8;

    private final HostReader reader = new HostReader();
    private final HostPlanner hostPlanner = new HostPlanner();
    private final ContainerPlanner containerPlanner = new ContainerPlanner();

    @Override
    public List<PlannedChange> plan(Inventory inventory, Connections connections, Targets targets, Mode mode) {
        List<PlannedChange> changes = new ArrayList<>();
        List<Host> hosts = List.copyOf(inventory.hosts().values());
        for (List<PlannedChange> perHost : Parallel.map(hosts, READERS, host -> plan(inventory, connections, targets, mode, host))) {
            changes.addAll(perHost);
        }
        return changes;
    }

    private List<PlannedChange> plan(Inventory inventory, Connections connections, Targets targets, Mode mode, Host host) {
        List<PlannedChange> changes = new ArrayList<>();
        List<Container> containers = inventory.containers().values().stream()
                .filter(c -> c.host().equals(host.name()))
                .filter(c -> targets.includes(ResourceAddress.of("containers", c.name())))
                .toList();
        boolean hostTargeted = targets.includes(ResourceAddress.of("hosts", host.name()));
        if (containers.isEmpty() && !(hostTargeted && host.prepare() && mode == Mode.APPLY)) {
            return changes;
        }
        Set<String> bridges = new LinkedHashSet<>();
        inventory.containers().values().stream()
                .filter(c -> c.host().equals(host.name()))
                .filter(c -> hostTargeted || containers.contains(c))
                .forEach(c -> bridges.add(c.network().bridge()));
        Set<String> bases = new LinkedHashSet<>();
        if (mode == Mode.APPLY) {
            containers.forEach(c -> Base.of(c).ifPresent(b -> bases.add(b.name())));
        }
        HostState state = reader.read(host.name(), connections.get(host.name()), List.copyOf(bridges),
                List.copyOf(bases), containers.stream().map(Container::name).toList());
        if (mode == Mode.APPLY) {
            changes.addAll(hostPlanner.plan(host, state, bridges));
        }
        Set<String> preparedByThisPlan = new java.util.HashSet<>();
        for (Container container : containers) {
            Creation creation = Creation.choose(container, state, preparedByThisPlan);
            java.util.Optional<PlannedChange> change = containerPlanner.plan(container, state, mode, creation);
            if (creation instanceof Creation.PrepareAndClone prepare && change.isPresent()
                    && (change.get().action() == Action.CREATE || change.get().action() == Action.REPLACE)) {
                preparedByThisPlan.add(prepare.base().name());
            }
            change.ifPresent(changes::add);
        }
        return changes;
    }

}
