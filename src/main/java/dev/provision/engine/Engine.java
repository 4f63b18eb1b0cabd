package dev.provision.engine;

import dev.provision.connect.Connections;
import dev.provision.driver.ResourceDriver;
import dev.provision.plan.Mode;
import dev.provision.plan.Targets;
import dev.provision.probe.Probe;

import dev.provision.inventory.Inventory;
import dev.provision.plan.Plan;
import dev.provision.plan.Action;
import dev.provision.plan.Cause;
import dev.provision.plan.CauseRule;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.ResourceAddress;
import dev.provision.plan.Step;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans by asking each driver in dependency order (hosts, then containers, then the servers, then what
 * they hold); each driver sees the changes planned before it, so it knows what does not exist yet.
 * The drivers' probes are declared up front, so each host is read in one round trip, and each driver
 * may start its own slow reads (a database connection) while the hosts are read.
 */
public final class Engine {
    private final List<ResourceDriver> drivers;
    private final String records;

    public Engine(List<ResourceDriver> drivers) {
        this(drivers, AppliedRecords.DIRECTORY);
    }

    /** @param records where each host keeps provision's record of what it applied ({@link AppliedRecords}) */
    public Engine(List<ResourceDriver> drivers, String records) {
        this.drivers = List.copyOf(drivers);
        this.records = records;
    }

    public Plan plan(Inventory inventory, Connections connections, Targets targets, Mode mode) {
        List<PlannedChange> changes = new ArrayList<>();
        List<dev.provision.plan.UnmanagedResource> unmanaged = java.util.Collections.synchronizedList(new ArrayList<>());
        List<ResourceDriver> ordered = mode == Mode.DESTROY ? reversed(drivers) : drivers;
        // every read of this plan is declared first, so a host and its containers cost one round trip
        List<Probe> probes = new ArrayList<>();
        for (ResourceDriver driver : ordered) {
            probes.addAll(driver.probes(inventory, targets, mode));
        }
        List<Probe> recordProbes = mode == Mode.APPLY ? AppliedRecords.probes(this.records, inventory,
                c -> c.postgres() != null && targets.includes(ResourceAddress.of("containers", c.name()))) : List.of();
        probes.addAll(recordProbes);
        connections.probes().declare(probes);
        AppliedRecords records;
        try {
            for (ResourceDriver driver : ordered) {
                changes.addAll(driver.plan(inventory, connections, targets, mode, List.copyOf(changes), unmanaged::add));
            }
            records = AppliedRecords.read(recordProbes, connections);
        } finally {
            connections.planEnded();
        }
        // Every part of the inventory is managed by a driver now, so nothing is left unchecked.
        if (mode == Mode.APPLY) {
            changes = containersRemovedLast(changes);
        }
        List<dev.provision.plan.UnmanagedResource> found = new ArrayList<>(unmanaged);
        found.sort(java.util.Comparator.comparing(dev.provision.plan.UnmanagedResource::address));
        return new Plan(changes.stream().map(change -> judged(change, inventory, records, this.records)).toList(), List.of(),
                found);
    }

    /**
     * The plan with the containers it destroys (no longer declared) at the end: removals run from the
     * inside out, the contents of servers before whole containers, as the plan reads.
     */
    private static List<PlannedChange> containersRemovedLast(List<PlannedChange> changes) {
        List<PlannedChange> ordered = new ArrayList<>();
        List<PlannedChange> destroyed = new ArrayList<>();
        for (PlannedChange change : changes) {
            boolean container = change.address().path().startsWith("containers.") && change.address().path().indexOf('.', 11) < 0;
            (container && change.action() == Action.DELETE ? destroyed : ordered).add(change);
        }
        ordered.addAll(destroyed);
        return ordered;
    }

    /**
     * The change with its cause decided by {@link CauseRule} from what provision recorded at the last
     * apply, and a last step that records what this one applies (or forgets what it removes).
     */
    private static PlannedChange judged(PlannedChange change, Inventory inventory, AppliedRecords records, String directory) {
        String[] parts = change.address().path().split("\\.");
        if (change.action() == Action.READ || change.steps().isEmpty() || parts.length < 2 || !parts[0].equals("containers")
                || change.address().path().contains("/")) {
            return change;
        }
        String container = parts[1];
        String host = change.steps().get(0).host();
        String address = change.address().path();
        List<Step> steps = new ArrayList<>(change.steps());
        Cause cause = change.cause();
        if (change.action() == Action.DELETE || change.action() == Action.REPLACE && parts.length == 2) {
            // a container replaced starts empty: what was applied to the old one says nothing of it
            steps.add(AppliedRecords.forget(directory, host, container, address));
        } else {
            Optional<String> desired = DesiredState.of(inventory, change.address());
            if (desired.isEmpty()) {
                return change;
            }
            cause = CauseRule.decide(change.cause(), change.action(), records.of(address), desired.get(), change.attributes());
            steps.add(AppliedRecords.record(directory, host, container, address, desired.get()));
        }
        return new PlannedChange(change.address(), change.action(), cause, change.summary(), change.attributes(),
                change.hazards(), steps);
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
