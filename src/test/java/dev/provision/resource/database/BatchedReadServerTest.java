package dev.provision.resource.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.inventory.Inventory;
import dev.provision.plan.Plan;
import dev.provision.postgres.PostgresSession;
import dev.provision.testing.PostgresServer;
import dev.provision.testing.WithPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Reading is batched: a server with 50 roles and 500 grants is planned in a handful of round trips. */
@ExtendWith(WithPostgres.class)
class BatchedReadServerTest {
    private static final int ROLES = 50;
    private static final int TABLES = 10;

    @TempDir
    Path dir;

    @Test
    void fiftyRolesAndFiveHundredGrantsTakeAHandfulOfQueries(PostgresServer server) throws IOException {
        StringBuilder yaml = new StringBuilder("roles:\n");
        List<String> grants = new ArrayList<>();
        for (int r = 1; r <= ROLES; r++) {
            String role = "role_%02d".formatted(r);
            Path secret = dir.resolve(role);
            Files.writeString(secret, "secret-of-" + role);
            yaml.append("  ").append(role).append(": { login: true, valid_until: \"2030-01-01\", password: { file: ")
                    .append(secret).append(" } }\n");
            for (int t = 1; t <= TABLES; t++) {
                grants.add("      - { role: %s, privileges: [SELECT], on: { table: data.t%02d } }".formatted(role, t));
            }
        }
        yaml.append("databases:\n  big:\n    schemas: { data: {} }\n    grants:\n").append(String.join("\n", grants)).append('\n');
        Inventory inventory = Reconciler.inventory(dir, yaml.toString());
        Reconciler reconciler = new Reconciler(server);
        reconciler.converge(inventory);
        try (PostgresSession s = server.session("big")) {
            List<String> tables = new ArrayList<>();
            for (int t = 1; t <= TABLES; t++) {
                tables.add("CREATE TABLE data.t%02d (id bigint)".formatted(t));
            }
            s.executeInTransaction(tables);
        }
        reconciler.converge(inventory);

        CountingSessions counting = new CountingSessions(server.sessions());
        Plan plan = reconciler.plan(inventory, counting);

        assertThat(plan.changes()).as("converged").isEmpty();
        try (PostgresSession s = server.session("big")) {
            assertThat(s.query("SELECT count(*) AS n FROM information_schema.role_table_grants WHERE grantee LIKE 'role\\_%'"))
                    .as("500 grants are in place").singleElement().extracting(r -> ((Number) r.get("n")).intValue()).isEqualTo(500);
        }
        assertThat(counting.roundTrips())
                .as("roles, valid_until, databases, provision's ownership record (does it exist, what it holds), passwords,"
                        + " then the database's catalog and its schema names: not one per object")
                .isEqualTo(8);
    }
}
