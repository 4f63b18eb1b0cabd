package dev.provision.resource.backup;

import dev.provision.connect.Connections;
import dev.provision.driver.Deferral;
import dev.provision.plan.Mode;
import dev.provision.driver.Parallel;
import dev.provision.probe.Probe;
import dev.provision.driver.ResourceDriver;
import dev.provision.plan.Targets;
import dev.provision.inventory.Container;
import dev.provision.inventory.Inventory;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.ResourceAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The backups of each server that declares them: one probe per container in its host's batch (no extra
 * round trip), then a pure decision. Runs after the server and its databases, so the first full backup
 * holds them.
 */
public final class BackupDriver implements ResourceDriver {
    private static final int READERS = 6;

    private final BackupReader reader = new BackupReader();
    private final BackupPlanner planner = new BackupPlanner();

    @Override
    public List<Probe> probes(Inventory inventory, Targets targets, Mode mode) {
        return mode == Mode.DESTROY ? List.of() : backedUp(inventory, targets).stream().map(reader::probe).toList();
    }

    @Override
    public List<PlannedChange> plan(Inventory inventory, Connections connections, Targets targets, Mode mode,
            List<PlannedChange> earlier) {
        List<PlannedChange> changes = new ArrayList<>();
        if (mode == Mode.DESTROY) {
            return changes;
        }
        for (List<PlannedChange> perContainer : Parallel.map(backedUp(inventory, targets), READERS,
                container -> plan(connections, container, earlier))) {
            changes.addAll(perContainer);
        }
        return changes;
    }

    /** The containers whose servers declare backups, within the targets. */
    public static List<Container> backedUp(Inventory inventory, Targets targets) {
        return inventory.containers().values().stream()
                .filter(c -> c.postgres() != null && c.postgres().backups() != null)
                .filter(c -> targets.includes(address(c)))
                .toList();
    }

    static ResourceAddress address(Container container) {
        return ResourceAddress.of("containers", container.name(), "postgres", "backups");
    }

    private List<PlannedChange> plan(Connections connections, Container container, List<PlannedChange> earlier) {
        ResourceAddress containerAddress = ResourceAddress.of("containers", container.name());
        ResourceAddress server = containerAddress.child("postgres");
        if (Deferral.deferred(earlier, address(container))) {
            return List.of(); // the server is planned once its container runs; its backups with it
        }
        if (Deferral.created(earlier, containerAddress) || Deferral.created(earlier, server)) {
            return planner.plan(container, null);
        }
        BackupState state = reader.read(container, connections);
        if (!state.containerRunning()) {
            return List.of(Deferral.of(earlier, containerAddress, address(container), "the container is not running"));
        }
        return planner.plan(container, state);
    }
}
