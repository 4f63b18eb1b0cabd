package dev.provision.resource.database;

import static dev.provision.resource.database.Reconciler.addresses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.inventory.Inventory;
import dev.provision.plan.Action;
import dev.provision.plan.Hazard;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.UnmanagedResource;
import dev.provision.postgres.PostgresSession;
import dev.provision.testing.PostgresServer;
import dev.provision.testing.WithPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real PostgreSQL 15: what provision created and the inventory no longer declares is removed
 * in dependency order; what it did not create is listed as unmanaged and left alone; declared objects
 * made before ownership was recorded are adopted, and can be removed afterwards.
 */
@ExtendWith(WithPostgres.class)
class RemovalServerTest {
    static final String FULL = """
            roles:
              app_owner: { login: false }
              app_user: { login: true }
              old_user: { login: true }
            databases:
              app:
                owner: app_owner
                settings: { work_mem: 32MB, random_page_cost: "1.1" }
                schemas: { core: { owner: app_owner }, scratch: {} }
                extensions: { citext: { schema: core }, hstore: {} }
                grants:
                  - { role: old_user, privileges: [USAGE], on: { schema: core } }
              old:
                owner: app_owner
            """;
    static final String REDUCED = """
            roles:
              app_owner: { login: false }
              app_user: { login: true }
            databases:
              app:
                owner: app_owner
                settings: { work_mem: 32MB }
                schemas: { core: { owner: app_owner } }
                extensions: { citext: { schema: core } }
            """;

    @TempDir
    Path dir;

    @Test
    void removesWhatItCreatedInDependencyOrderAndLeavesTheRestAlone(PostgresServer server) {
        Reconciler reconciler = new Reconciler(server);
        reconciler.converge(Reconciler.inventory(dir, FULL));
        try (PostgresSession s = server.session("postgres")) {
            s.executeAlone("CREATE ROLE by_hand");
            s.executeAlone("CREATE DATABASE by_hand_db");
            s.executeAlone("ALTER DATABASE app SET statement_timeout = '5s'");
        }
        try (PostgresSession s = server.session("app")) {
            s.executeAlone("CREATE SCHEMA by_hand_schema");
            s.executeAlone("CREATE TABLE scratch.kept_rows (id int)");
            s.executeAlone("INSERT INTO scratch.kept_rows VALUES (1)");
            s.executeAlone("GRANT SELECT ON scratch.kept_rows TO old_user");
            s.executeAlone("CREATE TABLE core.owned_by_old (id int)");
            s.executeAlone("ALTER TABLE core.owned_by_old OWNER TO old_user");
        }
        Inventory reduced = Reconciler.inventory(dir, REDUCED);

        Plan plan = reconciler.plan(reduced);

        assertThat(addresses(plan)).as("settings, then extensions and schemas, then databases, then roles")
                .containsExactly("databases.app.settings.random_page_cost", "databases.app.extensions.hstore",
                        "databases.app.schemas.scratch", "databases.old", "roles.old_user");
        assertThat(plan.changes()).as("each removal is a delete of something no longer declared")
                .allSatisfy(c -> {
                    assertThat(c.action()).isEqualTo(Action.DELETE);
                    assertThat(c.summary()).startsWith("no longer declared");
                });
        assertThat(plan.changes()).as("schema, database and a role owning objects are data-loss hazards; a setting and an extension are not")
                .extracting(c -> c.hazards().stream().map(Hazard::kind).toList())
                .containsExactly(List.of(), List.of(), List.of("schema-drop"), List.of("database-drop"), List.of("role-drop"));
        PlannedChange role = plan.changes().get(4);
        assertThat(Reconciler.statements(role)).as("the role's objects and privileges are handled in its databases first")
                .containsExactly("REASSIGN OWNED BY \"old_user\" TO \"app_owner\"", "DROP OWNED BY \"old_user\"", "DROP ROLE \"old_user\"");
        assertThat(plan.foreign()).as("what provision did not create is listed, never planned")
                .extracting(UnmanagedResource::address).extracting(Object::toString)
                .containsExactly("containers.db.postgres.databases.app.schemas.by_hand_schema",
                        "containers.db.postgres.databases.app.settings.statement_timeout",
                        "containers.db.postgres.databases.by_hand_db", "containers.db.postgres.roles.by_hand");

        reconciler.apply(reduced, plan);

        assertThat(reconciler.plan(reduced).changes()).as("the next plan is empty").isEmpty();
        try (PostgresSession s = server.session("postgres")) {
            assertThat(s.query("SELECT rolname AS name FROM pg_roles WHERE rolname IN ('old_user', 'by_hand') ORDER BY 1"))
                    .as("the removed role is gone, the hand-made one stays").containsExactly(Map.of("name", "by_hand"));
            assertThat(s.query("SELECT datname AS name FROM pg_database WHERE datname IN ('old', 'by_hand_db') ORDER BY 1"))
                    .as("the removed database is gone, the hand-made one stays").containsExactly(Map.of("name", "by_hand_db"));
        }
        try (PostgresSession s = server.session("app")) {
            assertThat(s.query("SELECT nspname AS name FROM pg_namespace WHERE nspname IN ('scratch', 'by_hand_schema', 'core') ORDER BY 1"))
                    .as("the removed schema is gone, the declared and the hand-made ones stay")
                    .containsExactly(Map.of("name", "by_hand_schema"), Map.of("name", "core"));
            assertThat(s.query("SELECT extname AS name FROM pg_extension WHERE extname IN ('citext', 'hstore')"))
                    .containsExactly(Map.of("name", "citext"));
            assertThat(s.query("SELECT pg_get_userbyid(relowner)::text AS owner FROM pg_class WHERE relname = 'owned_by_old'"))
                    .as("the dropped role's table went to the database's owner").containsExactly(Map.of("owner", "app_owner"));
            assertThat(s.query("SELECT unnest(setconfig) AS s FROM pg_db_role_setting WHERE setdatabase ="
                    + " (SELECT oid FROM pg_database WHERE datname = 'app') ORDER BY 1"))
                    .as("the removed setting is reset; the declared one and the hand-made one stay")
                    .containsExactly(Map.of("s", "statement_timeout=5s"), Map.of("s", "work_mem=32MB"));
        }
    }

    @Test
    void declaredObjectsFromBeforeOwnershipWasRecordedAreAdoptedThenRemovable(PostgresServer server) {
        Reconciler reconciler = new Reconciler(server);
        reconciler.converge(Reconciler.inventory(dir, FULL));
        try (PostgresSession s = server.session("postgres")) {
            s.executeAlone("DROP TABLE provision.owned"); // as an older provision left the server
        }
        Inventory full = Reconciler.inventory(dir, FULL);

        Plan adoption = reconciler.plan(full);

        assertThat(addresses(adoption)).as("one change records what the inventory declares and exists").containsExactly("ownership");
        assertThat(adoption.changes().get(0).attributes()).extracting(a -> a.name())
                .contains("roles.old_user", "databases.old", "databases.app.schemas.scratch", "databases.app.extensions.hstore",
                        "databases.app.settings.random_page_cost");
        assertThat(reconciler.plan(Reconciler.inventory(dir, REDUCED)).changes()).as("before adoption nothing is removed")
                .noneMatch(c -> c.action() == Action.DELETE);
        reconciler.apply(full, adoption);
        assertThat(reconciler.plan(full).changes()).as("adopted: converged").isEmpty();

        Plan removal = reconciler.plan(Reconciler.inventory(dir, REDUCED));

        assertThat(addresses(removal)).containsExactly("databases.app.settings.random_page_cost", "databases.app.extensions.hstore",
                "databases.app.schemas.scratch", "databases.old", "roles.old_user");
    }
}
