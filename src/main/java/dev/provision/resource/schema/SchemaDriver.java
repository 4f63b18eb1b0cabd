package dev.provision.resource.schema;

import dev.provision.connect.Connections;
import dev.provision.plan.Mode;
import dev.provision.driver.ResourceDriver;
import dev.provision.plan.Targets;
import dev.provision.inventory.Container;
import dev.provision.inventory.Database;
import dev.provision.inventory.Inventory;
import dev.provision.plan.Action;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.ResourceAddress;
import dev.provision.postgres.PostgresSessions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Schema objects declared as SQL files: per database that lists some, the DDL that makes the live
 * database match them, found by comparing it with a shadow built from the files. Runs after roles,
 * databases and schemas exist, and before grants on the objects it creates.
 */
public final class SchemaDriver implements ResourceDriver {
    /** Above this many rows (estimated), building an index without CONCURRENTLY is a hazard. */
    public static final double LARGE_TABLE_ROWS = 100_000;

    private final ObjectsPlanner planner;

    public SchemaDriver() {
        this(new CodekeeperDiffer(), LARGE_TABLE_ROWS);
    }

    public SchemaDriver(SchemaDiffer differ, double largeTableRows) {
        this(differ, largeTableRows, note -> {});
    }

    /** @param notes told what the user should know of, such as a killed run's scratch database dropped */
    public SchemaDriver(SchemaDiffer differ, double largeTableRows, java.util.function.Consumer<String> notes) {
        this.planner = new ObjectsPlanner(differ, new HazardDetector(largeTableRows), notes);
    }

    @Override
    public List<PlannedChange> plan(Inventory inventory, Connections connections, Targets targets, Mode mode,
            List<PlannedChange> earlier) {
        List<PlannedChange> changes = new ArrayList<>();
        if (mode == Mode.DESTROY) {
            return changes;
        }
        for (Container container : inventory.containers().values()) {
            if (container.postgres() == null) {
                continue;
            }
            for (Database db : container.postgres().databases().values()) {
                ResourceAddress address = address(container.name(), db.name());
                if ((db.sql().isEmpty() && db.migrations().isEmpty()) || !targets.includes(address)) {
                    continue;
                }
                boolean fresh = createdEarlier(earlier, container.name(), db.name());
                plan(inventory.baseDir(), container, db, fresh ? null : connections.postgres()).ifPresent(changes::add);
            }
        }
        return changes;
    }

    /** Plans one database; {@code sessions} null means its server or the database is created by this plan. */
    public java.util.Optional<PlannedChange> plan(Path baseDir, Container container, Database db, PostgresSessions sessions) {
        return plan(baseDir, container.host(), container.name(), db, sessions);
    }

    /**
     * Plans one database of the server in {@code container} on {@code host}, for a caller that plans
     * the database itself (between its schemas and its grants). {@code sessions} must open JDBC
     * connections ({@link PostgresSessions#connect}); null means the database is created by this plan.
     */
    public java.util.Optional<PlannedChange> plan(Path baseDir, String host, String container, Database db,
            PostgresSessions sessions) {
        return planner.plan(host, container, db, baseDir, sessions, address(container, db.name()));
    }

    public static ResourceAddress address(String container, String database) {
        return ResourceAddress.of("containers", container, "postgres", "databases", database, "objects");
    }

    /** The container, its server or the database is created (or replaced) earlier in this plan: nothing to read yet. */
    private static boolean createdEarlier(List<PlannedChange> earlier, String container, String database) {
        ResourceAddress server = ResourceAddress.of("containers", container, "postgres");
        Set<ResourceAddress> creators = Set.of(ResourceAddress.of("containers", container), server,
                server.child("admin"), server.child("databases").child(database));
        return earlier.stream().anyMatch(c -> creators.contains(c.address())
                && (c.action() == Action.CREATE || c.action() == Action.REPLACE));
    }
}
