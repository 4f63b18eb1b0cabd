package dev.provision.resource.pgserver;

import dev.provision.diag.Diagnostics;
import dev.provision.engine.Connections;
import dev.provision.engine.Mode;
import dev.provision.engine.PlanningFailed;
import dev.provision.engine.ResourceDriver;
import dev.provision.engine.Targets;
import dev.provision.inventory.Container;
import dev.provision.inventory.Inventory;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.ResourceAddress;
import java.util.ArrayList;
import java.util.List;

/** The PostgreSQL server in each container: one read per container, then a pure decision. */
public final class PgServerDriver implements ResourceDriver {
    /** The host's address on lxcbr0 as lxc-net sets it, for a bridge that does not exist yet. */
    private static final String DEFAULT_BRIDGE_ADDRESS = "10.0.3.1";

    private final ServerReader reader = new ServerReader();
    private final ServerFiles files = new ServerFiles();
    private final ServerPlanner planner = new ServerPlanner();

    @Override
    public List<PlannedChange> plan(Inventory inventory, Connections connections, Targets targets, Mode mode) {
        List<PlannedChange> changes = new ArrayList<>();
        if (mode == Mode.DESTROY) {
            return changes;
        }
        for (Container container : inventory.containers().values()) {
            if (container.postgres() == null
                    || !targets.includes(ResourceAddress.of("containers", container.name(), "postgres"))) {
                continue;
            }
            ServerState state = reader.read(container.host(), connections.get(container.host()), container.name(),
                    container.postgres().version(), container.network().bridge());
            Diagnostics diagnostics = new Diagnostics();
            String adminFrom = state.hostAddress().isEmpty() ? DEFAULT_BRIDGE_ADDRESS : state.hostAddress();
            ServerFiles.Desired desired = files.render(inventory, container, adminFrom, diagnostics);
            if (desired == null) {
                throw new PlanningFailed("containers." + container.name() + ".postgres: the configuration cannot be rendered: "
                        + diagnostics.errors());
            }
            changes.addAll(planner.plan(container, state, desired));
        }
        return changes;
    }
}
