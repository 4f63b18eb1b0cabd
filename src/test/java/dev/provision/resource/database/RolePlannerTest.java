package dev.provision.resource.database;

import static dev.provision.resource.database.Fixtures.SERVER;
import static dev.provision.resource.database.Fixtures.cluster;
import static dev.provision.resource.database.Fixtures.role;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.inventory.Postgres;
import dev.provision.plan.Action;
import dev.provision.plan.Cause;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.Step;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The role planner, without a server: creation order, attribute and membership drift, passwords. */
class RolePlannerTest {
    @TempDir
    Path dir;

    private final RolePlanner planner = new RolePlanner();

    @Test
    void createsGroupsBeforeTheirMembers() {
        Postgres pg = Fixtures.postgres(dir, "roles:\n  member: { login: true, member_of: [group] }\n  group: {}\n");

        List<PlannedChange> changes = planner.plan(SERVER, pg.roles().values(), cluster(List.of(), List.of()), Map.of());

        assertThat(changes).extracting(c -> c.address().path())
                .containsExactly("containers.db.postgres.roles.group", "containers.db.postgres.roles.member");
        assertThat(Reconciler.statements(changes.get(1))).containsExactly(
                "CREATE ROLE \"member\" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION CONNECTION LIMIT -1"
                        + " VALID UNTIL 'infinity'",
                "GRANT \"group\" TO \"member\"");
        assertThat(changes).allMatch(c -> c.action() == Action.CREATE && c.cause() == Cause.INVENTORY);
    }

    @Test
    void altersOnlyTheAttributesThatDrifted() {
        Postgres pg = Fixtures.postgres(dir, "roles:\n  app: { login: true, connection_limit: 10 }\n");

        List<PlannedChange> changes = planner.plan(SERVER, pg.roles().values(),
                cluster(List.of(role("app", false, 10)), List.of()), Map.of());

        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.cause()).isEqualTo(Cause.DRIFT);
            assertThat(Reconciler.statements(c)).containsExactly("ALTER ROLE \"app\" WITH LOGIN");
        });
    }

    @Test
    void grantsDeclaredMembershipsAndRevokesTheOthers() {
        Postgres pg = Fixtures.postgres(dir, "roles:\n  app: { member_of: [readers] }\n  readers: {}\n");

        List<PlannedChange> changes = planner.plan(SERVER, pg.roles().values(),
                cluster(List.of(role("app", false, -1, "pg_monitor", "other"), role("readers", false, -1)), List.of()), Map.of());

        assertThat(changes).singleElement().satisfies(c -> assertThat(Reconciler.statements(c)).containsExactly(
                "GRANT \"readers\" TO \"app\"", "REVOKE \"other\" FROM \"app\"", "REVOKE \"pg_monitor\" FROM \"app\""));
    }

    @Test
    void leavesUndeclaredRolesAlone() {
        Postgres pg = Fixtures.postgres(dir, "roles:\n  app: {}\n");

        List<PlannedChange> changes = planner.plan(SERVER, pg.roles().values(), cluster(List.of(role("app", false, -1),
                role("provision_admin", true, -1), role("someone_else", true, 3)), List.of()), Map.of());

        assertThat(changes).isEmpty();
    }

    @Test
    void setsAPasswordOnlyWhenItDoesNotMatch() {
        Postgres pg = Fixtures.postgres(dir, "roles:\n  app: { login: true, password: { env: APP_PASSWORD } }\n");
        ClusterState cluster = cluster(List.of(role("app", true, -1)), List.of());

        assertThat(planner.plan(SERVER, pg.roles().values(), cluster, Map.of("app", PasswordStatus.MATCHES))).isEmpty();
        assertThat(planner.plan(SERVER, pg.roles().values(), cluster, Map.of("app", PasswordStatus.DIFFERS)))
                .singleElement().satisfies(c -> assertThat(c.steps()).singleElement().isEqualTo(
                        new Step.SetPassword("local", "db", "app", pg.roles().get("app").password())));
    }

    @Test
    void comparesExpiryAsTheServerReadsIt() {
        assertThat(RolePlanner.sameExpiry(null, "Infinity")).as("no expiry is infinity").isTrue();
        assertThat(RolePlanner.sameExpiry("1893456000.000000", "1893456000")).isTrue();
        assertThat(RolePlanner.sameExpiry(null, "1893456000")).isFalse();
        assertThat(RolePlanner.sameExpiry("1893456000", "1893456001")).isFalse();
    }
}
