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
            Diagnostics diagnostics = new Diagnostics();
            ServerFiles.Desired desired = files.render(inventory, container, diagnostics);
            if (desired == null) {
                throw new PlanningFailed("containers." + container.name() + ".postgres: the configuration cannot be rendered: "
                        + diagnostics.errors());
            }
            ServerState state = reader.read(container.host(), connections.get(container.host()), container.name(),
                    container.postgres().version());
            changes.addAll(planner.plan(container, state, desired));
        }
        return changes;
    }
}
