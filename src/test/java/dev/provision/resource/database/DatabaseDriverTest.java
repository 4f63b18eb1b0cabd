package dev.provision.resource.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.connect.Connections;
import dev.provision.plan.Mode;
import dev.provision.plan.Targets;
import dev.provision.inventory.Inventory;
import dev.provision.plan.Action;
import dev.provision.plan.Cause;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.ResourceAddress;
import dev.provision.postgres.PostgresSession;
import dev.provision.postgres.PostgresSessions;
import dev.provision.transport.local.LocalTransport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver without a server: a server this plan installs is not read, and targets narrow the plan. */
class DatabaseDriverTest {
    private static final PostgresSessions UNREACHABLE = new PostgresSessions() {
        @Override
        public PostgresSession open(String container, String database) {
            throw new AssertionError("a server this plan installs must not be read");
        }

        @Override
        public void close() {
        }
    };

    @TempDir
    Path dir;

    private List<PlannedChange> plan(Targets targets, List<PlannedChange> earlier, Mode mode) {
        Inventory inventory = Reconciler.inventory(dir, DatabaseDriverServerTest.CONTENTS);
        try (Connections connections = new Connections(inventory, (host, hosts) -> new LocalTransport(), UNREACHABLE)) {
            return new DatabaseDriver().plan(inventory, connections, targets, mode, earlier);
        }
    }

    private static List<PlannedChange> installing() {
        return List.of(new PlannedChange(ResourceAddress.of("containers", "db", "postgres"), Action.CREATE, Cause.INVENTORY,
                "PostgreSQL 15 is not installed", List.of(), List.of(), List.of()));
    }

    @Test
    void plansEverythingWithoutReadingAServerThisPlanInstalls() {
        List<PlannedChange> changes = plan(Targets.all(), installing(), Mode.APPLY);

        assertThat(changes).extracting(c -> c.address().path().replace("containers.db.postgres.", "")).containsExactly(
                "roles.app_owner", "roles.app_reader", "roles.app_user", "databases.app",
                "databases.app.schemas.core", "databases.app.schemas.reports",
                "databases.app.grants.app_user", "databases.app.grants.app_reader");
        assertThat(Reconciler.statements(changes.get(3))).first().asString()
                .as("template1 is unknown, so a declared locale means template0").contains("TEMPLATE \"template0\"");
    }

    @Test
    void aTargetNarrowsThePlanToWhatItSelects() {
        Targets one = new Targets(List.of(ResourceAddress.of("containers", "db", "postgres", "databases", "app", "grants", "app_user")));

        assertThat(plan(one, installing(), Mode.APPLY)).extracting(c -> c.address().path())
                .as("with the database it lives in, which must exist first")
                .containsExactly("containers.db.postgres.databases.app", "containers.db.postgres.databases.app.grants.app_user");
    }

    @Test
    void destroyPlansNothingHereTheContainerTakesItsServerWithIt() {
        assertThat(plan(Targets.all(), List.of(), Mode.DESTROY)).isEmpty();
    }
}
