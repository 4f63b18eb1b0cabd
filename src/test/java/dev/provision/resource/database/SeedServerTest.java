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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root inventory's roles, database and grants (the seed, corrected) are reproduced on a real
 * PostgreSQL 15. The tables and function its grants name come from the SQL files, which provision
 * does not apply yet: the test runs them by hand as the schemas' owner, between two applies.
 */
@ExtendWith(WithPostgres.class)
class SeedServerTest {
    private static final String DB = "stock_analysis_event_store";

    @TempDir
    Path dir;

    @Test
    void reproducesTheSeedsRolesDatabaseAndGrants(PostgresServer server) throws IOException {
        Inventory inventory = rootInventory(server);
        Reconciler reconciler = new Reconciler(server);

        Plan first = reconciler.converge(inventory);

        assertThat(Reconciler.addresses(first).stream().map(a -> a.replace("containers.event-store.postgres.", "")))
                .as("the owner role exists before the database it owns")
                .startsWith("roles.stock_analysis_owner", "roles.stock_analysis_user", "databases." + DB);
        assertThat(first.changes().stream().filter(c -> c.address().path().endsWith("grants.stock_analysis_user")))
                .singleElement().satisfies(c -> assertThat(c.summary())
                        .contains("waiting for objects that do not exist yet").contains("table event_store.events"));
        try (PostgresSession s = server.session(DB)) {
            for (String file : List.of("schema/event_store.sql", "schema/projections.sql")) {
                s.executeInTransaction(List.of("SET ROLE stock_analysis_owner", Files.readString(Path.of(file)), "RESET ROLE"));
            }
        }
        Plan second = reconciler.converge(inventory);
        assertThat(Reconciler.addresses(second)).containsExactly("containers.event-store.postgres.databases." + DB
                + ".grants.stock_analysis_user");
        assertThat(reconciler.plan(inventory).changes()).as("the seed converged").isEmpty();

        try (PostgresSession s = server.session(DB)) {
            assertThat(privileges(s, "event_store.events")).isEqualTo("SELECT, INSERT");
            assertThat(privileges(s, "event_store.snapshots")).isEqualTo("SELECT, INSERT");
            assertThat(privileges(s, "event_store.event_types")).isEqualTo("SELECT, INSERT, UPDATE");
            assertThat(privileges(s, "event_store.projections")).isEqualTo("SELECT, INSERT, UPDATE");
            assertThat(privileges(s, "projections.portfolio_positions")).isEqualTo("SELECT");
            assertThat(s.query("""
                    SELECT has_function_privilege('stock_analysis_user', 'projections.refresh_portfolio_positions()', 'EXECUTE') AS f,
                           has_database_privilege('stock_analysis_user', current_database(), 'CONNECT') AS c,
                           has_schema_privilege('stock_analysis_user', 'event_store', 'USAGE') AS u,
                           has_schema_privilege('stock_analysis_user', 'event_store', 'CREATE') AS cr,
                           (SELECT rolconnlimit FROM pg_roles WHERE rolname = 'stock_analysis_user') AS lim,
                           (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()) AS owner,
                           (SELECT array_to_string(setconfig, ' ') FROM pg_db_role_setting
                             WHERE setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())) AS settings
                    """)).containsExactly(Map.of("f", true, "c", true, "u", true, "cr", false, "lim", 90,
                    "owner", "stock_analysis_owner", "settings", "work_mem=32MB maintenance_work_mem=256MB"
                            + " effective_cache_size=1536MB random_page_cost=1.1 effective_io_concurrency=200"
                            + " default_statistics_target=100"));
        }
    }

    /**
     * The root inventory.yaml with its secret file in a temporary directory, and C.UTF-8 for
     * en_US.UTF-8 where this machine has not generated that locale (the container's server does).
     */
    private Inventory rootInventory(PostgresServer server) throws IOException {
        String yaml = Files.readString(Path.of("inventory.yaml"))
                .replace("/root/.config/provision/secrets/stock_analysis_user", dir.resolve("secret").toString());
        try (PostgresSession s = server.session("postgres")) {
            if (s.query("SELECT 1 FROM pg_collation WHERE collname = 'en_US.utf8'").isEmpty()) {
                yaml = yaml.replace("en_US.UTF-8", "C.UTF-8");
            }
        }
        Files.createDirectories(dir.resolve("schema"));
        for (String file : List.of("event_store.sql", "projections.sql")) {
            Files.copy(Path.of("schema", file), dir.resolve("schema").resolve(file));
        }
        return Reconciler.load(dir, yaml);
    }

    private static String privileges(PostgresSession s, String table) {
        List<String> held = s.query("""
                SELECT p FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) WITH ORDINALITY AS t(p, n)
                 WHERE has_table_privilege('stock_analysis_user', ?, p) ORDER BY n
                """, table).stream().map(r -> (String) r.get("p")).toList();
        return String.join(", ", held);
    }
}
