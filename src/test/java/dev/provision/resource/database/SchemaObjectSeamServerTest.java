package dev.provision.resource.database;

import dev.provision.resource.SchemaObjectPlanner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.inventory.Inventory;
import dev.provision.plan.Action;
import dev.provision.plan.Cause;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.ResourceAddress;
import dev.provision.plan.Step;
import dev.provision.secret.SecretResolver;
import dev.provision.testing.PostgresServer;
import dev.provision.testing.WithPostgres;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seam for the SQL files' schema objects: their changes run between the schemas and the grants,
 * and the grants of the same plan already cover what they create, so one apply converges.
 */
@ExtendWith(WithPostgres.class)
class SchemaObjectSeamServerTest {
    @TempDir
    Path dir;

    /** Stands in for issue E: creates core.later as the schema's owner unless it exists. */
    private static final SchemaObjectPlanner LATER = (host, container, db, sessions) -> {
        if (sessions != null && !sessions.open(container, db.name()).query("SELECT 1 FROM pg_class WHERE oid = to_regclass('core.later')").isEmpty()) {
            return new SchemaObjectPlanner.Result(List.of(), List.of());
        }
        PlannedChange create = new PlannedChange(ResourceAddress.of("containers", container, "postgres", "databases", db.name(), "sql"),
                Action.CREATE, Cause.INVENTORY, "objects of the SQL files", List.of(), List.of(),
                List.of(new Step.Sql(host, container, db.name(), List.of("SET LOCAL ROLE app_owner", "CREATE TABLE core.later (id bigint)"), true)));
        return new SchemaObjectPlanner.Result(List.of(create),
                List.of(new SchemaObjectPlanner.NewObject(SchemaObjectPlanner.NewObject.Kind.TABLE, "core", "later", null)));
    };

    @Test
    void grantsOnObjectsTheSqlFilesCreateArePlannedInTheSamePlan(PostgresServer server) {
        Inventory inventory = Reconciler.inventory(dir, DatabaseDriverServerTest.CONTENTS);
        Reconciler reconciler = new Reconciler(server, new DatabaseDriver(new SecretResolver(), LATER));

        Plan plan = reconciler.converge(inventory);

        assertThat(Reconciler.addresses(plan)).containsSubsequence("databases.app.schemas.reports", "databases.app.sql",
                "databases.app.grants.app_user");
        assertThat(plan.changes()).filteredOn(c -> c.address().path().endsWith("grants.app_user")).singleElement()
                .satisfies(c -> assertThat(Reconciler.statements(c)).contains("GRANT SELECT, INSERT ON TABLE \"core\".\"later\" TO \"app_user\""));
        assertThat(reconciler.plan(inventory).changes()).as("one apply converged").isEmpty();
    }
}
