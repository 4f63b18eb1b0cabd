package dev.provision.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provision.json.PlanSchema;
import dev.provision.testbed.LxcHost;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Declarative means removals too, on a real LXC host with real PostgreSQL: a role, a database, a
 * schema, an extension, a database setting, an hba rule and a container removed from the inventory
 * are planned as removals ("no longer declared"), the data-loss ones are refused without --allow and
 * removed with it, and the next plan is empty; what provision did not create is listed as unmanaged
 * and left alone. One host, one PostgreSQL container, many removals.
 */
@Testcontainers
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemovalIT {

    @Container
    static final LxcHost HOST = new LxcHost();

    @TempDir
    static Path dir;

    private static final String SPARE = """
              spare:
                host: bed
                image: { template: debian, release: bookworm }
                resources: { memory: 128MiB, cpus: 1 }
            """;

    private static final String FULL = """
            containers:
              db:
                host: bed
                image: { template: debian, release: bookworm }
                resources: { memory: 1GiB, cpus: 1 }
                postgres:
                  version: 15
                  listen_addresses: ["*"]
                  hba:
                    - { type: host, database: app, user: app_user, address: 10.0.3.0/24, method: scram-sha-256 }
                    - { type: host, database: old, user: old_user, address: 10.0.3.0/24, method: scram-sha-256 }
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
                      owner: old_user
            """ + SPARE;

    private static final String REDUCED = """
            containers:
              db:
                host: bed
                image: { template: debian, release: bookworm }
                resources: { memory: 1GiB, cpus: 1 }
                postgres:
                  version: 15
                  listen_addresses: ["*"]
                  hba:
                    - { type: host, database: app, user: app_user, address: 10.0.3.0/24, method: scram-sha-256 }
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

    private static Cli cli(String containers) {
        return new Cli(TestBedInventory.write(dir, HOST, containers));
    }

    private static String psql(String database, String sql) {
        return HOST.exec("lxc-attach", "-n", "db", "--", "runuser", "-u", "postgres", "--", "psql", "-XAt", "-d", database,
                "-c", sql).strip();
    }

    @Test
    @Order(1)
    void everythingIsCreatedAndThingsAreMadeByHandBeside() {
        Cli.Run apply = cli(FULL).run("apply", "--auto-approve");

        assertThat(apply.exitCode()).as("apply:\n%s", apply).isZero();
        cli(FULL).assertConverged();
        psql("postgres", "CREATE ROLE by_hand");
        psql("postgres", "CREATE DATABASE by_hand_db");
        psql("app", "CREATE SCHEMA by_hand_schema");
        psql("app", "CREATE TABLE scratch.rows AS SELECT 1 AS id");
        psql("app", "CREATE TABLE core.of_old_user (id int)");
        psql("app", "ALTER TABLE core.of_old_user OWNER TO old_user");
        psql("old", "CREATE TABLE kept (id int)");
        // a container provision did not create: LXC lists it because its config exists
        HOST.exec("sh", "-c", "mkdir -p /var/lib/lxc/handmade && echo 'lxc.uts.name = handmade' > /var/lib/lxc/handmade/config");
        assertThat(cli(FULL).assertConverged().out()).as("what was made by hand is not a change")
                .contains("No changes.", "left alone", "containers.handmade");
        assertThat(HOST.exec("cat", "/var/lib/provision/lxc/spare.owner").strip()).as("the container names its inventory")
                .isEqualTo(dir.resolve("inventory.yaml").toAbsolutePath().normalize().toString());
    }

    @Test
    @Order(2)
    void aContainerFromBeforeOwnersWereRecordedIsAdoptedByTheNextApply() {
        HOST.exec("rm", "/var/lib/provision/lxc/spare.owner"); // as an older provision left it

        Cli.Run plan = cli(FULL).run("plan");

        assertThat(plan.out()).as("%s", plan).contains("~ containers.spare.ownership", "Plan: 0 to add, 1 to change, 0 to destroy.");
        assertThat(cli(FULL).run("apply", "--auto-approve").exitCode()).isZero();
        cli(FULL).assertConverged();
    }

    @Test
    @Order(3)
    void removalsArePlannedAsDeletesNoLongerDeclaredAndHandMadeThingsAsUnmanaged() {
        Cli.Run plan = cli(REDUCED).run("plan", "--json");

        assertThat(plan.exitCode()).as("%s", plan).isZero();
        assertThat(PlanSchema.problems(plan.out())).as("the JSON conforms to schema/plan.schema.json:\n%s", plan.out()).isEmpty();
        JsonNode doc = PlanSchema.parse(plan.out());
        Map<String, JsonNode> deletes = new LinkedHashMap<>();
        doc.path("plan").path("changes").forEach(c -> {
            if (c.path("action").asText().equals("delete")) {
                deletes.put(c.path("address").asText(), c);
            }
        });
        String pg = "containers.db.postgres.";
        assertThat(deletes.keySet()).as("every removal is a delete, in dependency order")
                .containsExactly(pg + "databases.app.settings.random_page_cost", pg + "databases.app.extensions.hstore",
                        pg + "databases.app.schemas.scratch", pg + "databases.old", pg + "roles.old_user", "containers.spare");
        assertThat(deletes.values()).allSatisfy(c -> {
            assertThat(c.path("symbol").asText()).isEqualTo("-");
            assertThat(c.path("summary").asText()).as("the reason").startsWith("no longer declared");
        });
        Map<String, List<String>> hazards = new LinkedHashMap<>();
        deletes.forEach((address, c) -> {
            List<String> kinds = new ArrayList<>();
            c.path("hazards").forEach(h -> kinds.add(h.path("kind").asText()));
            hazards.put(address, kinds);
        });
        assertThat(hazards).as("data-loss removals are hazards; a setting or an extension is not")
                .containsEntry(pg + "databases.app.settings.random_page_cost", List.of())
                .containsEntry(pg + "databases.app.extensions.hstore", List.of())
                .containsEntry(pg + "databases.app.schemas.scratch", List.of("schema-drop"))
                .containsEntry(pg + "databases.old", List.of("database-drop"))
                .containsEntry(pg + "roles.old_user", List.of("role-drop"))
                .containsEntry("containers.spare", List.of("container-destroy"));
        JsonNode config = find(doc, pg + "config");
        assertThat(config.toString()).as("the hba rule that is no longer declared is named in the server's config change")
                .contains("no longer declared", "host old old_user 10.0.3.0/24 scram-sha-256");
        List<String> unmanaged = new ArrayList<>();
        doc.path("plan").path("unmanaged_resources").forEach(u -> unmanaged.add(u.path("address").asText()));
        assertThat(unmanaged).as("what provision did not create is listed, and not planned")
                .contains("containers.handmade", pg + "roles.by_hand", pg + "databases.by_hand_db",
                        pg + "databases.app.schemas.by_hand_schema");
        assertThat(plan.err()).as("the human plan shows the removals")
                .contains("- containers.spare", "- " + pg + "databases.old", "no longer declared");
    }

    @Test
    @Order(4)
    void applyWithoutAllowRefusesTheDataLossKindsAndChangesNothing() {
        Cli.Run apply = cli(REDUCED).run("apply", "--auto-approve");

        assertThat(apply.exitCode()).as("refused:\n%s", apply).isEqualTo(1);
        assertThat(apply.err()).contains("--allow database-drop", "--allow schema-drop", "--allow role-drop",
                "--allow container-destroy", "nothing was changed");
        assertThat(psql("postgres", "SELECT count(*) FROM pg_database WHERE datname = 'old'")).isEqualTo("1");
        assertThat(HOST.exec("lxc-info", "-n", "spare", "-sH").strip()).isEqualTo("RUNNING");
    }

    @Test
    @Order(5)
    void applyWithAllowRemovesThemAndLeavesWhatItDidNotCreate() {
        Cli.Run apply = cli(REDUCED).run("apply", "--auto-approve", "--allow", "database-drop", "--allow", "schema-drop",
                "--allow", "role-drop", "--allow", "container-destroy");

        assertThat(apply.exitCode()).as("apply:\n%s", apply).isZero();
        assertThat(psql("postgres", "SELECT string_agg(rolname, ',' ORDER BY rolname) FROM pg_roles WHERE rolname IN ('old_user', 'by_hand')"))
                .as("the removed role is gone, the hand-made one stays").isEqualTo("by_hand");
        assertThat(psql("postgres", "SELECT string_agg(datname, ',' ORDER BY datname) FROM pg_database WHERE datname IN ('old', 'by_hand_db')"))
                .isEqualTo("by_hand_db");
        assertThat(psql("app", "SELECT string_agg(nspname, ',' ORDER BY nspname) FROM pg_namespace WHERE nspname IN ('scratch', 'core', 'by_hand_schema')"))
                .isEqualTo("by_hand_schema,core");
        assertThat(psql("app", "SELECT string_agg(extname, ',' ORDER BY extname) FROM pg_extension WHERE extname IN ('citext', 'hstore')"))
                .isEqualTo("citext");
        assertThat(psql("app", "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'of_old_user'"))
                .as("the removed role's table was given to the database's owner").isEqualTo("app_owner");
        assertThat(psql("postgres", "SELECT array_to_string(setconfig, ',') FROM pg_db_role_setting s JOIN pg_database d"
                + " ON d.oid = s.setdatabase WHERE d.datname = 'app' AND s.setrole = 0")).isEqualTo("work_mem=32MB");
        assertThat(psql("postgres", "SELECT count(*) FROM pg_hba_file_rules WHERE 'old_user' = ANY(user_name)"))
                .as("the hba rule is gone").isEqualTo("0");
        assertThat(HOST.exec("sh", "-c", "lxc-ls -1").lines().toList()).as("the removed container is gone, the hand-made one stays")
                .contains("db", "handmade").doesNotContain("spare");
        cli(REDUCED).assertConverged();
    }

    private static JsonNode find(JsonNode doc, String address) {
        for (JsonNode c : doc.path("plan").path("changes")) {
            if (c.path("address").asText().equals(address)) {
                return c;
            }
        }
        throw new AssertionError("no change at " + address + " in " + doc);
    }
}
