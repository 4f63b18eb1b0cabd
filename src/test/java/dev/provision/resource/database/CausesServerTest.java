package dev.provision.resource.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.inventory.Inventory;
import dev.provision.plan.Cause;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedChange;
import dev.provision.postgres.PostgresSession;
import dev.provision.testing.PostgresServer;
import dev.provision.testing.WithPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Against a real PostgreSQL 15, with the real engine and its record of what was applied: an edit of
 * the inventory plans with the cause "inventory" for every kind of database resource (drift of the same
 * kinds is {@link DriftServerTest}), and an edit together with a change by hand plans as "both".
 */
@ExtendWith(WithPostgres.class)
class CausesServerTest {

    @TempDir
    Path dir;

    static Stream<Arguments> edits() {
        String contents = DatabaseDriverServerTest.CONTENTS;
        return Stream.of(
                Arguments.of("a role's connection_limit", contents.replace("connection_limit: 10", "connection_limit: 12"),
                        "roles.app_user"),
                Arguments.of("a role's membership", contents.replace("member_of: [app_reader]", "member_of: []"),
                        "roles.app_user"),
                Arguments.of("a database setting", contents.replace("work_mem: 32MB", "work_mem: 48MB"), "databases.app"),
                Arguments.of("a database's connection limit", contents.replace("connection_limit: 20", "connection_limit: 25"),
                        "databases.app"),
                Arguments.of("a grant", contents.replace("privileges: [SELECT, INSERT]", "privileges: [SELECT]"),
                        "databases.app.grants.app_user"),
                Arguments.of("a schema's owner", contents.replace("core: { owner: app_owner }", "core: { owner: app_user }"),
                        "databases.app.schemas.core"),
                Arguments.of("an extension added", contents.replace("    schemas:\n",
                        "    extensions:\n      pgcrypto: {}\n    schemas:\n"),
                        "databases.app.extensions.pgcrypto"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edits")
    void anInventoryEditIsShownAsAnInventoryChange(String kind, String edited, String address, PostgresServer server) {
        Reconciler reconciler = new Reconciler(server);
        reconciler.converge(Reconciler.inventory(dir, DatabaseDriverServerTest.CONTENTS));
        Inventory inventory = Reconciler.inventory(dir, edited);

        Plan plan = reconciler.plan(inventory);

        assertThat(Reconciler.addresses(plan)).as(kind).startsWith(address);
        assertThat(plan.changes().get(0).cause()).as("%s was edited in the inventory, not behind provision's back", kind)
                .isEqualTo(Cause.INVENTORY);
        reconciler.apply(inventory, plan);
        assertThat(reconciler.plan(inventory).changes()).as("converged after the edit").isEmpty();
    }

    @Test
    void aNewSecretValueIsAnInventoryChangeAndAPasswordSetByHandIsDrift(PostgresServer server) throws Exception {
        Path secret = dir.resolve("app_user.secret");
        Files.writeString(secret, "first-secret\n");
        Inventory inventory = Reconciler.inventory(dir, DatabaseDriverServerTest.CONTENTS
                .replace("connection_limit: 10", "connection_limit: 10\n    password: { file: " + secret + " }"));
        Reconciler reconciler = new Reconciler(server);
        reconciler.converge(inventory);
        assertThat(reconciler.plan(inventory).changes()).as("converged").isEmpty();

        Files.writeString(secret, "second-secret\n");
        Plan rotated = reconciler.plan(inventory);

        assertThat(Reconciler.addresses(rotated)).as("only the password differs").containsExactly("roles.app_user");
        assertThat(rotated.changes().get(0).cause()).as("the secret's value was changed by the user: the desired state moved")
                .isEqualTo(Cause.INVENTORY);
        reconciler.apply(inventory, rotated);
        assertThat(reconciler.plan(inventory).changes()).as("converged on the new secret").isEmpty();

        try (PostgresSession s = server.session("postgres")) {
            s.setPassword("app_user", "set-by-hand".toCharArray());
        }
        Plan byHand = reconciler.plan(inventory);

        assertThat(Reconciler.addresses(byHand)).containsExactly("roles.app_user");
        assertThat(byHand.changes().get(0).cause()).as("the secret is the one applied; the server's password was changed by hand")
                .isEqualTo(Cause.DRIFT);
        assertThat(recordsText(reconciler)).as("the records hold a keyed digest, never the secret or a verifier")
                .contains("hmac-sha256:").doesNotContain("second-secret").doesNotContain("SCRAM-SHA-256");
    }

    private static String recordsText(Reconciler reconciler) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(Path.of(reconciler.recordsDirectory()))) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(Files.readString(file)).append('\n');
            }
            return all.toString();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("edits")
    void anInventoryEditAfterAnotherAppliedEditIsStillAnInventoryChange(String kind, String edited, String address,
            PostgresServer server) {
        String first = DatabaseDriverServerTest.CONTENTS.replace("connection_limit: 20", "connection_limit: 21")
                .replace("connection_limit: 10", "connection_limit: 11");
        Reconciler reconciler = new Reconciler(server);
        reconciler.converge(Reconciler.inventory(dir, DatabaseDriverServerTest.CONTENTS));
        reconciler.converge(Reconciler.inventory(dir, first));
        Inventory inventory = Reconciler.inventory(dir, edited.replace("connection_limit: 20", "connection_limit: 21")
                .replace("connection_limit: 10", "connection_limit: 11"));

        Plan plan = reconciler.plan(inventory);

        assertThat(plan.changes()).as(kind).isNotEmpty();
        assertThat(plan.changes()).as("%s edited after an earlier edit was applied", kind)
                .allSatisfy(c -> assertThat(c.cause()).as(c.address().path()).isEqualTo(Cause.INVENTORY));
    }

    @Test
    void anEditBesideAChangeByHandIsBoth(PostgresServer server) {
        Reconciler reconciler = new Reconciler(server);
        reconciler.converge(Reconciler.inventory(dir, DatabaseDriverServerTest.CONTENTS));
        try (PostgresSession s = server.session("postgres")) {
            s.executeAlone("ALTER ROLE app_user CREATEDB");
        }
        Inventory inventory = Reconciler.inventory(dir,
                DatabaseDriverServerTest.CONTENTS.replace("connection_limit: 10", "connection_limit: 12"));

        PlannedChange role = reconciler.plan(inventory).changes().get(0);

        assertThat(role.address().path()).endsWith("roles.app_user");
        assertThat(role.cause()).as("connection_limit edited in the inventory, createdb set by hand").isEqualTo(Cause.BOTH);
    }

    @Test
    void aChangeByHandAloneStaysDriftAndARoleDroppedByHandIsDriftToo(PostgresServer server) {
        Reconciler reconciler = new Reconciler(server);
        Inventory inventory = Reconciler.inventory(dir, DatabaseDriverServerTest.CONTENTS);
        reconciler.converge(inventory);
        try (PostgresSession s = server.session("app")) {
            s.executeAlone("DROP OWNED BY app_reader");
        }
        try (PostgresSession s = server.session("postgres")) {
            s.executeAlone("ALTER ROLE app_user CONNECTION LIMIT 3");
            s.executeAlone("DROP ROLE app_reader");
        }

        Plan plan = reconciler.plan(inventory);

        assertThat(plan.changes()).as("the inventory did not change: everything is drift").isNotEmpty()
                .allSatisfy(c -> assertThat(c.cause()).as(c.address().path()).isEqualTo(Cause.DRIFT));
    }
}
