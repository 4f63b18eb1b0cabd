package dev.provision.engine;

import dev.provision.inventory.Inventory;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedChange;
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

    public Engine(List<ResourceDriver> drivers) {
        this.drivers = List.copyOf(drivers);
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
        connections.probes().declare(probes);
        try {
            for (ResourceDriver driver : ordered) {
                changes.addAll(driver.plan(inventory, connections, targets, mode, List.copyOf(changes), unmanaged::add));
            }
        } finally {
            connections.planEnded();
        }
        // Every part of the inventory is managed by a driver now, so nothing is left unchecked.
        if (mode == Mode.APPLY) {
            changes = containersRemovedLast(changes);
        }
        List<dev.provision.plan.UnmanagedResource> found = new ArrayList<>(unmanaged);
        found.sort(java.util.Comparator.comparing(dev.provision.plan.UnmanagedResource::address));
        return new Plan(changes, List.of(), found);
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
            (container && change.action() == dev.provision.plan.Action.DELETE ? destroyed : ordered).add(change);
        }
        ordered.addAll(destroyed);
        return ordered;
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
