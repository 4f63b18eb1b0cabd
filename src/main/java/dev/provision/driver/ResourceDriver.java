package dev.provision.driver;

import dev.provision.connect.Connections;
import dev.provision.plan.Mode;
import dev.provision.plan.Targets;
import dev.provision.probe.Probe;

import dev.provision.inventory.Inventory;
import dev.provision.plan.PlannedChange;
import java.util.List;

/**
 * One kind of managed thing (hosts, containers, the PostgreSQL server, ...). A driver reads the
 * actual state of the resources the inventory declares, diffs it against the inventory with a
 * pure function, and returns the changes in the order they must run. Reading never changes anything.
 */
public interface ResourceDriver {

    /**
     * The probes this driver's plan will run, declared before any driver plans so that each host's
     * probes run as one command ({@link ProbeBatch}); the driver still asks for each one when it reads.
     */
    default List<Probe> probes(Inventory inventory, Targets targets, Mode mode) {
        return List.of();
    }

    /**
     * Plans, knowing the changes the drivers before this one planned ({@code earlier}), for a driver
     * whose resources live inside theirs (a database cannot be read in a server this plan installs, nor
     * in a container it has yet to start: see {@link Deferral}).
     */
    List<PlannedChange> plan(Inventory inventory, Connections connections, Targets targets, Mode mode,
            List<PlannedChange> earlier);

    /**
     * Plans as {@link #plan(Inventory, Connections, Targets, Mode, List)} does, and tells {@code unmanaged}
     * what it found that provision did not create and the inventory does not declare (it is left alone).
     * {@code unmanaged} may be called from several threads.
     */
    default List<PlannedChange> plan(Inventory inventory, Connections connections, Targets targets, Mode mode,
            List<PlannedChange> earlier, java.util.function.Consumer<dev.provision.plan.UnmanagedResource> unmanaged) {
        return plan(inventory, connections, targets, mode, earlier);
    }
}
