package dev.provision.resource.database;

import static dev.provision.resource.database.Reconciler.addresses;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.inventory.Inventory;
import dev.provision.plan.Action;
import dev.provision.plan.Cause;
import dev.provision.plan.Hazard;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedChange;
import dev.provision.postgres.PostgresSession;
import dev.provision.testing.PostgresServer;
import dev.provision.testing.WithPostgres;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Against a real PostgreSQL 15: everything is created from nothing, and the next plan is empty. */
@ExtendWith(WithPostgres.class)
class DatabaseDriverServerTest {
    static final String CONTENTS = """
            roles:
              app_owner: { login: false }
              app_user:
                login: true
                connection_limit: 10
                member_of: [app_reader]
              app_reader: { login: false }
            databases:
              app:
                owner: app_owner
                encoding: UTF8
                collation: C.UTF-8
                ctype: C.UTF-8
                connection_limit: 20
                settings: { work_mem: 32MB, random_page_cost: "1.1" }
                schemas:
                  core: { owner: app_owner }
                  reports: {}
                grants:
                  - { role: app_user, privileges: [CONNECT], on: { database: app } }
                  - { role: app_user, privileges: [USAGE], on: { schema: core } }
                  - { role: app_reader, privileges: [USAGE], on: { schema: reports } }
                  - { role: app_user, privileges: [SELECT, INSERT], on: { tables_in: core } }
                  - { role: app_reader, privileges: [SELECT], on: { tables_in: reports } }
                  - { role: app_user, privileges: [USAGE], on: { sequences_in: core } }
            """;

    @TempDir
    Path dir;

    @Test
    void createsEverythingFromNothingAndThenPlansNothing(PostgresServer server) {
        Inventory inventory = Reconciler.inventory(dir, CONTENTS);
        Reconciler reconciler = new Reconciler(server);

        Plan first = reconciler.converge(inventory);

        assertThat(addresses(first)).as("roles first, groups before members, then the database and its contents")
                .containsExactly("roles.app_owner", "roles.app_reader", "roles.app_user", "databases.app",
                        "databases.app.schemas.core", "databases.app.schemas.reports",
                        "databases.app.grants.app_user", "databases.app.grants.app_reader");
        assertThat(first.changes()).allMatch(c -> c.cause() == Cause.INVENTORY);
        Plan second = reconciler.plan(inventory);
        assertThat(second.changes()).as("a fresh read after apply finds nothing to do").isEmpty();
        try (PostgresSession s = server.session("app")) {
            assertThat(s.query("SELECT pg_get_userbyid(datdba) AS owner, datconnlimit AS lim FROM pg_database WHERE datname = 'app'"))
                    .containsExactly(Map.of("owner", "app_owner", "lim", 20));
        }
    }

    @Test
    void installsExtensionsAndUpdatesThemToTheDeclaredVersion(PostgresServer server) {
        String v15 = "databases:\n  app:\n    schemas: { core: {} }\n    extensions: { citext: { version: \"1.5\", schema: core } }\n";
        Reconciler reconciler = new Reconciler(server);
        Plan created = reconciler.converge(Reconciler.inventory(dir, v15));
        assertThat(created.changes()).filteredOn(c -> c.address().path().endsWith("extensions.citext")).singleElement()
                .satisfies(c -> assertThat(Reconciler.statements(c))
                        .containsExactly("CREATE EXTENSION \"citext\" WITH SCHEMA \"core\" VERSION '1.5'"));

        Inventory v16 = Reconciler.inventory(dir, v15.replace("1.5", "1.6"));
        Plan updated = reconciler.converge(v16);

        assertThat(updated.changes()).singleElement().satisfies(c -> assertThat(Reconciler.statements(c))
                .containsExactly("ALTER EXTENSION \"citext\" UPDATE TO '1.6'"));
        assertThat(reconciler.plan(v16).changes()).isEmpty();
    }

    @Test
    void aNewLocaleRecreatesTheDatabaseWithItsContents(PostgresServer server) {
        Reconciler reconciler = new Reconciler(server);
        reconciler.converge(Reconciler.inventory(dir, CONTENTS));
        Inventory collateC = Reconciler.inventory(dir, CONTENTS.replace("collation: C.UTF-8", "collation: C"));

        Plan plan = reconciler.plan(collateC);

        PlannedChange recreate = plan.changes().get(0);
        assertThat(recreate.action()).isEqualTo(Action.REPLACE);
        assertThat(recreate.hazards()).extracting(Hazard::kind).containsExactly("database-recreate");
        assertThat(Reconciler.addresses(plan)).as("its schemas and grants are planned as for a new database")
                .contains("databases.app.schemas.core", "databases.app.grants.app_user");
        reconciler.apply(collateC, plan);
        assertThat(reconciler.plan(collateC).changes()).isEmpty();
        try (PostgresSession s = server.session("postgres")) {
            assertThat(s.query("SELECT datcollate FROM pg_database WHERE datname = 'app'"))
                    .containsExactly(Map.of("datcollate", "C"));
        }
    }
}
