package dev.provision.resource.lxc;

import dev.provision.backend.BaseContribution;

import dev.provision.connect.Connections;
import dev.provision.plan.Mode;
import dev.provision.driver.Parallel;
import dev.provision.probe.Probe;
import dev.provision.driver.ResourceDriver;
import dev.provision.plan.Targets;
import dev.provision.inventory.Container;
import dev.provision.inventory.Host;
import dev.provision.inventory.Inventory;
import dev.provision.plan.Action;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.ResourceAddress;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Cause;
import dev.provision.plan.Step;
import dev.provision.plan.UnmanagedResource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Hosts and their containers: one read per host, then a pure decision per host and per container. */
final class LxcDriver implements ResourceDriver {
    /** Hosts read at once. */
    private static final int READERS = 8;

    private final HostReader reader = new HostReader();
    private final HostPlanner hostPlanner = new HostPlanner();
    private final ContainerPlanner containerPlanner;

    /** @param base what the resource kinds install in a base and finish in each clone, in order */
    LxcDriver(List<BaseContribution> base) {
        this.containerPlanner = new ContainerPlanner(base);
    }
    private final ContainerRemover remover = new ContainerRemover();

    @Override
    public List<PlannedChange> plan(Inventory inventory, Connections connections, Targets targets, Mode mode,
            List<PlannedChange> earlier) {
        return plan(inventory, connections, targets, mode, earlier, found -> { });
    }

    @Override
    public List<PlannedChange> plan(Inventory inventory, Connections connections, Targets targets, Mode mode,
            List<PlannedChange> earlier, java.util.function.Consumer<UnmanagedResource> unmanaged) {
        List<PlannedChange> changes = new ArrayList<>();
        List<Host> hosts = List.copyOf(inventory.hosts().values());
        for (List<PlannedChange> perHost : Parallel.map(hosts, READERS,
                host -> plan(inventory, connections, targets, mode, host, unmanaged))) {
            changes.addAll(perHost);
        }
        return changes;
    }

    @Override
    public List<Probe> probes(Inventory inventory, Targets targets, Mode mode) {
        return inventory.hosts().values().stream().map(host -> probe(inventory, targets, mode, host))
                .flatMap(Optional::stream).toList();
    }

    private List<PlannedChange> plan(Inventory inventory, Connections connections, Targets targets, Mode mode, Host host,
            java.util.function.Consumer<UnmanagedResource> unmanaged) {
        List<PlannedChange> changes = new ArrayList<>();
        Optional<Probe> probe = probe(inventory, targets, mode, host);
        if (probe.isEmpty()) {
            return changes;
        }
        HostState state = reader.read(probe.get(), connections);
        if (mode == Mode.APPLY && (host.prepare() || !containers(inventory, targets, host).isEmpty())) {
            changes.addAll(hostPlanner.plan(host, state, bridges(inventory, targets, host), templates(inventory, targets, host)));
        }
        Set<String> preparedByThisPlan = new java.util.HashSet<>();
        for (Container container : containers(inventory, targets, host)) {
            Creation creation = Creation.choose(container, state, preparedByThisPlan, host.baseMaxAge());
            Optional<PlannedChange> change = containerPlanner.plan(container, state, mode, creation);
            if (creation instanceof Creation.PrepareAndClone prepare && change.isPresent()
                    && (change.get().action() == Action.CREATE || change.get().action() == Action.REPLACE)) {
                preparedByThisPlan.add(prepare.base().name());
            }
            if (mode == Mode.APPLY) {
                change = owned(container, state, ContainerOwner.of(inventory), change);
            }
            change.ifPresent(changes::add);
        }
        if (mode == Mode.APPLY) {
            String owner = ContainerOwner.of(inventory);
            Set<String> declared = inventory.containers().keySet();
            remover.removals(host.name(), state, owner, declared).stream()
                    .filter(c -> targets.includes(c.address())).forEach(changes::add);
            remover.unmanaged(state, owner, declared).stream().filter(u -> targets.includes(u.address())).forEach(unmanaged);
        }
        return changes;
    }

    /**
     * The container's change, made to record that this inventory owns it when its marker does not say
     * so yet (created by this plan, before provision recorded owners, or by hand): a step added to its
     * change, or a change of its own when it needs nothing else.
     */
    private static Optional<PlannedChange> owned(Container container, HostState state, String owner, Optional<PlannedChange> change) {
        OwnedContainer marker = state.owned().get(container.name());
        if (marker != null && owner.equals(marker.owner())) {
            return change;
        }
        Step record = ContainerOwner.record(container.host(), container.name(), owner);
        if (change.isPresent()) {
            PlannedChange c = change.get();
            if (c.action() == Action.DELETE || c.action() == Action.READ) {
                return change;
            }
            List<Step> steps = new ArrayList<>(c.steps());
            steps.add(record);
            return Optional.of(new PlannedChange(c.address(), c.action(), c.cause(), c.summary(), c.attributes(), c.hazards(), steps));
        }
        if (!state.container(container.name()).present()) {
            return change;
        }
        return Optional.of(new PlannedChange(ResourceAddress.of("containers", container.name(), "ownership"), Action.UPDATE,
                Cause.INVENTORY, "the container exists but provision has not recorded that this inventory declares it"
                        + " (created by hand, or before provision recorded owners): recorded now, so removing it from the"
                        + " inventory will destroy it", List.of(new AttributeChange("owner", marker == null ? null : marker.owner(), owner)),
                List.of(), List.of(record)));
    }

    /** The read of {@code host}, or none when nothing on it is planned. */
    private static Optional<Probe> probe(Inventory inventory, Targets targets, Mode mode, Host host) {
        List<Container> containers = containers(inventory, targets, host);
        boolean hostTargeted = targets.includes(ResourceAddress.of("hosts", host.name()));
        // a host with no declared container is still read: what this inventory created there may be removed
        if (containers.isEmpty() && !(hostTargeted && mode == Mode.APPLY)) {
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
