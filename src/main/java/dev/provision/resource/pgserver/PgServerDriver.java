package dev.provision.resource.pgserver;

import dev.provision.resource.ServerProbe;

import dev.provision.resource.ServerReads;

import dev.provision.diag.Diagnostics;
import dev.provision.connect.Connections;
import dev.provision.driver.Deferral;
import dev.provision.plan.Mode;
import dev.provision.driver.Parallel;
import dev.provision.plan.PlanningFailed;
import dev.provision.probe.Probe;
import dev.provision.driver.ResourceDriver;
import dev.provision.plan.Targets;
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
    /** Containers read at once; reads are light, and SSH allows about ten channels per connection. */
    private static final int READERS = 6;

    private final ServerReader reader = new ServerReader();
    private final ServerReads reads;
    private final ServerFiles files = new ServerFiles();
    private final ServerPlanner planner = new ServerPlanner();

    /** A driver whose server probe makes no further reads. */
    public PgServerDriver() {
        this(ServerReads.NONE);
    }

    /** @param reads the further reads each server's probe makes in its psql session (the database driver's) */
    public PgServerDriver(ServerReads reads) {
        this.reads = reads;
    }

    @Override
    public List<PlannedChange> plan(Inventory inventory, Connections connections, Targets targets, Mode mode,
            List<PlannedChange> earlier) {
        List<PlannedChange> changes = new ArrayList<>();
        if (mode == Mode.DESTROY) {
            return changes;
        }
        for (List<PlannedChange> perContainer : Parallel.map(servers(inventory, targets), READERS,
                container -> plan(inventory, connections, container, targets, earlier))) {
            changes.addAll(perContainer);
        }
        return changes;
    }

    @Override
    public List<Probe> probes(Inventory inventory, Targets targets, Mode mode) {
        return mode == Mode.DESTROY ? List.of() : servers(inventory, targets).stream().map(c -> probe(c, targets)).toList();
    }

    private static List<Container> servers(Inventory inventory, Targets targets) {
        return inventory.containers().values().stream()
                .filter(c -> c.postgres() != null)
                .filter(c -> targets.includes(ResourceAddress.of("containers", c.name(), "postgres")))
                .toList();
    }

    private Probe probe(Container container, Targets targets) {
        return probe(container, reads.script(container, targets));
    }

    /** The probe of {@code container}'s server, making {@code reads} (a psql script) in its session ({@link ServerProbe}). */
    public static Probe probe(Container container, String reads) {
        return ServerReader.probe(container.host(), container.name(), container.postgres().version(),
                container.network().bridge(), reads);
    }

    private List<PlannedChange> plan(Inventory inventory, Connections connections, Container container, Targets targets,
            List<PlannedChange> earlier) {
        ServerState state = reader.read(probe(container, targets), connections);
        ResourceAddress containerAddress = ResourceAddress.of("containers", container.name());
        if (!state.containerRunning() && !Deferral.created(earlier, containerAddress)) {
            // The container exists but is stopped: its server can only be read once an earlier change starts it.
            return List.of(Deferral.of(earlier, containerAddress, containerAddress.child("postgres"),
                    "the container is not running"));
        }
        Diagnostics diagnostics = new Diagnostics();
        String adminFrom = state.hostAddress().isEmpty() ? DEFAULT_BRIDGE_ADDRESS : state.hostAddress();
        ServerFiles.Desired desired = files.render(inventory, container, adminFrom, diagnostics);
        if (desired == null) {
            throw new PlanningFailed("containers." + container.name() + ".postgres: the configuration cannot be rendered: "
                    + diagnostics.errors());
        }
        return planner.plan(container, state, desired, connections.access(container.host()));
    }
}
