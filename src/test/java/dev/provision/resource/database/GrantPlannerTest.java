package dev.provision.resource.database;

import static dev.provision.resource.database.Fixtures.SERVER;
import static dev.provision.resource.database.Fixtures.table;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.inventory.Database;
import dev.provision.plan.Cause;
import dev.provision.plan.PlannedChange;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grant planner, without a server: what is granted, what is revoked, and what is left alone. */
class GrantPlannerTest {
    private static final DbObject DB = DbObject.database("app");
    private static final DbObject CORE = DbObject.schema("core");

    @TempDir
    Path dir;

    private final GrantPlanner planner = new GrantPlanner();

    private Database db(String grants) {
        return Fixtures.postgres(dir, """
                roles:
                  owner: {}
                  app: {}
                databases:
                  app:
                    owner: owner
                    schemas: { core: {} }
                    grants:
                """ + grants.indent(6)).databases().get("app");
    }

    private List<PlannedChange> plan(Database db, Fixtures.Catalog catalog) {
        return planner.plan(SERVER, db, catalog.build(), false, List.of("owner", "app"), Set.of("owner", "app"));
    }

    private static Fixtures.Catalog base() {
        return new Fixtures.Catalog()
                .object(DB, "owner", Map.of("public", Set.of("CONNECT", "TEMPORARY"), "owner", Set.of("CREATE", "CONNECT", "TEMPORARY")))
                .object(CORE, "owner", Map.of("owner", Set.of("USAGE", "CREATE")));
    }

    @Test
    void revokesWhatADeclaredRoleWasGrantedByHandAndLeavesOthersAlone() {
        Database db = db("- { role: app, privileges: [SELECT], on: { table: core.events } }");
        Fixtures.Catalog catalog = base().object(table("core", "events"), "owner",
                Map.of("app", Set.of("SELECT", "DELETE"), "stranger", Set.of("SELECT"), "owner", Set.of("SELECT")));

        List<PlannedChange> changes = plan(db, catalog);

        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.address().path()).isEqualTo("containers.db.postgres.databases.app.grants.app");
            assertThat(c.cause()).isEqualTo(Cause.DRIFT);
            assertThat(Reconciler.statements(c)).containsExactly("REVOKE DELETE ON TABLE \"core\".\"events\" FROM \"app\"");
        });
    }

    @Test
    void leavesPublicAloneUnlessAGrantNamesIt() {
        assertThat(plan(db("- { role: app, privileges: [CONNECT], on: { database: app } }"),
                base().object(DB, "owner", Map.of("public", Set.of("CONNECT", "TEMPORARY"), "app", Set.of("CONNECT")))))
                .isEmpty();

        List<PlannedChange> changes = plan(db("- { role: public, privileges: [TEMP], on: { database: app } }"), base());

        assertThat(changes).singleElement().satisfies(c -> assertThat(Reconciler.statements(c))
                .containsExactly("REVOKE CONNECT ON DATABASE \"app\" FROM PUBLIC"));
    }

    @Test
    void neverGrantsToOrRevokesFromTheOwner() {
        Database db = db("- { role: owner, privileges: [SELECT], on: { tables_in: core } }");

        assertThat(plan(db, base().object(table("core", "events"), "owner", Map.of("owner", Set.of("SELECT", "DELETE")))))
                .as("the owner holds every privilege anyway, and default privileges for oneself mean nothing").isEmpty();
    }

    @Test
    void waitsForObjectsThatDoNotExistYet() {
        Database db = db("""
                - { role: app, privileges: [SELECT], on: { table: core.later } }
                - { role: app, privileges: [EXECUTE], on: { function: "core.f(integer)" } }
                - { role: app, privileges: [USAGE], on: { schema: core } }
                """);

        List<PlannedChange> changes = plan(db, base());

        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(Reconciler.statements(c)).containsExactly("GRANT USAGE ON SCHEMA \"core\" TO \"app\"");
            assertThat(c.summary()).endsWith("waiting for objects that do not exist yet: function core.f(integer), table core.later");
        });
    }

    @Test
    void grantsOnEveryTableInTheSchemaAndOnFutureOnesCreatedByItsOwner() {
        Database db = db("- { role: app, privileges: [SELECT, INSERT], on: { tables_in: core } }");
        Fixtures.Catalog catalog = base()
                .object(table("core", "a"), "owner", Map.of())
                .object(table("core", "b"), "owner", Map.of("app", Set.of("SELECT")));

        List<PlannedChange> changes = plan(db, catalog);

        assertThat(changes).singleElement().satisfies(c -> assertThat(Reconciler.statements(c)).containsExactly(
                "GRANT SELECT, INSERT ON TABLE \"core\".\"a\" TO \"app\"",
                "GRANT INSERT ON TABLE \"core\".\"b\" TO \"app\"",
                "ALTER DEFAULT PRIVILEGES FOR ROLE \"owner\" IN SCHEMA \"core\" GRANT SELECT, INSERT ON TABLES TO \"app\""));
    }

    @Test
    void revokesUndeclaredDefaultPrivilegesOfManagedRoles() {
        Database db = db("- { role: app, privileges: [USAGE], on: { schema: core } }");
        Fixtures.Catalog catalog = base().object(CORE, "owner", Map.of("app", Set.of("USAGE")))
                .defaults(new DefaultAclKey("owner", "core", DefaultAclKey.FutureObjects.TABLES, "app"), "SELECT")
                .defaults(new DefaultAclKey("owner", "core", DefaultAclKey.FutureObjects.TABLES, "stranger"), "SELECT");

        assertThat(plan(db, catalog)).singleElement().satisfies(c -> assertThat(Reconciler.statements(c)).containsExactly(
                "ALTER DEFAULT PRIVILEGES FOR ROLE \"owner\" IN SCHEMA \"core\" REVOKE SELECT ON TABLES FROM \"app\""));
    }

    @Test
    void aRoleThatLosesOwnershipLosesTheOwnersPrivilegesAndIsGrantedWhatItIsDeclared() {
        Database db = db("- { role: app, privileges: [CONNECT], on: { database: app } }");
        Fixtures.Catalog catalog = base().object(DB, "app", Map.of("app", Set.of("CREATE", "CONNECT", "TEMPORARY")));

        assertThat(plan(db, catalog)).singleElement().satisfies(c -> assertThat(Reconciler.statements(c))
                .containsExactly("GRANT CONNECT ON DATABASE \"app\" TO \"app\""));
    }

    @Test
    void grantsOnRoutinesUseTheSignatureTheCatalogResolved() {
        Database db = db("- { role: app, privileges: [ALL], on: { function: \"core.f(int)\" } }");
        DbObject f = new DbObject(ObjectKind.FUNCTION, "core", "f", "integer");

        assertThat(plan(db, base().function("core.f(int)", f, "owner", Map.of("public", Set.of("EXECUTE")))))
                .singleElement().satisfies(c -> assertThat(Reconciler.statements(c))
                        .containsExactly("GRANT EXECUTE ON ROUTINE \"core\".\"f\"(integer) TO \"app\""));
    }
}
