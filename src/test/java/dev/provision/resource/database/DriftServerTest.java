package dev.provision.resource.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.inventory.Inventory;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Cause;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedChange;
import dev.provision.postgres.PostgresSession;
import dev.provision.testing.PostgresServer;
import dev.provision.testing.WithPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Against a real PostgreSQL 15: each kind of change made by hand after apply shows in the next plan
 * as drift at the right address, and apply repairs it so the plan after is empty.
 */
@ExtendWith(WithPostgres.class)
class DriftServerTest {

    @TempDir
    Path dir;

    static Stream<Arguments> drifts() {
        return Stream.of(
                Arguments.of("a role attribute", "postgres", List.of("ALTER ROLE app_user CONNECTION LIMIT 5 CREATEDB"),
                        "roles.app_user", "connection_limit", "5", "10"),
                Arguments.of("a membership revoked", "postgres", List.of("REVOKE app_reader FROM app_user"),
                        "roles.app_user", "member_of", "", "app_reader"),
                Arguments.of("a membership granted", "postgres", List.of("GRANT pg_monitor TO app_user"),
                        "roles.app_user", "member_of", "app_reader, pg_monitor", "app_reader"),
                Arguments.of("a grant added", "app", List.of("GRANT DELETE, TRUNCATE ON core.events TO app_user"),
                        "databases.app.grants.app_user", "table core.events", "SELECT, INSERT, DELETE, TRUNCATE", "SELECT, INSERT"),
                Arguments.of("a grant to an undeclared privilege on a schema", "app", List.of("GRANT CREATE ON SCHEMA reports TO app_reader"),
                        "databases.app.grants.app_reader", "schema reports", "USAGE, CREATE", "USAGE"),
                Arguments.of("a grant revoked", "app", List.of("REVOKE USAGE ON SCHEMA core FROM app_user"),
                        "databases.app.grants.app_user", "schema core", null, "USAGE"),
                Arguments.of("a default privilege revoked", "app",
                        List.of("ALTER DEFAULT PRIVILEGES FOR ROLE app_owner IN SCHEMA core REVOKE INSERT ON TABLES FROM app_user"),
                        "databases.app.grants.app_user", "future tables in core created by app_owner", "SELECT", "SELECT, INSERT"),
                Arguments.of("a database setting changed", "postgres", List.of("ALTER DATABASE app SET work_mem = '64MB'"),
                        "databases.app", "settings.work_mem", "64MB", "32MB"),
                Arguments.of("a database owner", "postgres", List.of("ALTER DATABASE app OWNER TO app_user"),
                        "databases.app", "owner", "app_user", "app_owner"),
                Arguments.of("a setting on provision's admin role", "postgres", List.of("ALTER ROLE provision_admin SET log_statement = 'all'"),
                        "roles.provision_admin", "setting log_statement", "all", null),
                Arguments.of("a setting on provision's admin role in one database", "postgres",
                        List.of("ALTER ROLE provision_admin IN DATABASE app SET log_min_duration_statement = 0"),
                        "roles.provision_admin", "setting log_min_duration_statement in database app", "0", null),
                Arguments.of("a schema owner", "app", List.of("ALTER SCHEMA core OWNER TO app_user"),
                        "databases.app.schemas.core", "owner", "app_user", "app_owner"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("drifts")
    void isShownAsDriftAndRepaired(String kind, String database, List<String> byHand, String address, String attribute,
            String before, String after, PostgresServer server) {
        Inventory inventory = Reconciler.inventory(dir, DatabaseDriverServerTest.CONTENTS);
        Reconciler reconciler = new Reconciler(server);
        reconciler.converge(inventory);
        try (PostgresSession s = server.session("app")) {
            s.executeInTransaction(List.of("SET ROLE app_owner", "CREATE TABLE core.events (id bigint)", "RESET ROLE"));
        }
        assertThat(reconciler.plan(inventory).changes()).as("tables made by the schema owner get the default privileges").isEmpty();
        try (PostgresSession s = server.session(database)) {
            byHand.forEach(s::executeAlone);
        }

        Plan drifted = reconciler.plan(inventory);

        assertThat(Reconciler.addresses(drifted)).as(kind).startsWith(address);
        PlannedChange change = drifted.changes().get(0);
        assertThat(change.cause()).isEqualTo(Cause.DRIFT);
        assertThat(change.attributes()).contains(new AttributeChange(attribute, before, after));
        reconciler.apply(inventory, drifted);
        assertThat(reconciler.plan(inventory).changes()).as("apply repaired " + kind).isEmpty();
    }
}
