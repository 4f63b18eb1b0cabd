package dev.provision.resource.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.inventory.Inventory;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Cause;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.Step;
import dev.provision.postgres.PostgresSession;
import dev.provision.testing.PostgresServer;
import dev.provision.testing.WithPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real PostgreSQL 15 logging every statement: a password is set from its secret only when
 * it differs from the stored verifier; neither it nor its verifier reaches the server log, and its
 * clear text never reaches the plan.
 */
@ExtendWith(WithPostgres.class)
class PasswordServerTest {
    private static final String FIRST = "first-Secret-4711";
    private static final String SECOND = "second-Secret-0815";

    @TempDir
    Path dir;

    @Test
    void changedPasswordIsSetAndNeverLogged(PostgresServer server) throws IOException {
        Path secret = dir.resolve("app_user.secret");
        Files.writeString(secret, FIRST + "\n");
        Inventory inventory = Reconciler.inventory(dir, "roles:\n  app_user: { login: true, password: { file: " + secret + " } }\n");
        Reconciler reconciler = new Reconciler(server);

        Plan created = reconciler.converge(inventory);
        assertThat(created.changes().get(0).steps()).hasAtLeastOneElementOfType(Step.SetPassword.class);
        assertThat(reconciler.plan(inventory).changes()).as("an unchanged password is not set again").isEmpty();
        assertThat(matches(server, FIRST)).isTrue();

        Files.writeString(secret, SECOND + "\n");
        Plan changed = reconciler.plan(inventory);

        assertThat(changed.changes()).singleElement().satisfies(change -> {
            assertThat(change.address().path()).isEqualTo("containers.db.postgres.roles.app_user");
            assertThat(change.cause()).as("the secret's new value is the user's edit").isEqualTo(Cause.INVENTORY);
            assertThat(change.attributes()).containsExactly(
                    new AttributeChange("password", "(does not match the secret)", "(from file:" + secret + ")"));
            assertThat(change.steps()).as("the password, then provision's record of what it applied").hasSize(2)
                    .first().isInstanceOf(Step.SetPassword.class);
        });
        reconciler.apply(inventory, changed);
        assertThat(matches(server, SECOND)).isTrue();
        assertThat(reconciler.plan(inventory).changes()).isEmpty();
        assertThat(server.log()).as("the server logs every statement, but neither password nor verifier")
                .contains("app_user").doesNotContain("SCRAM-SHA-256$").doesNotContain(FIRST).doesNotContain(SECOND);
        assertThat(shown(created) + shown(changed)).doesNotContain(FIRST).doesNotContain(SECOND);
    }

    @Test
    void planDoesNotGenerateASecretButApplyDoes(PostgresServer server) throws IOException {
        Path secret = dir.resolve("secrets").resolve("app_user");
        Inventory inventory = Reconciler.inventory(dir,
                "roles:\n  app_user: { login: true, password: { file: " + secret + ", generate: true } }\n");
        Reconciler reconciler = new Reconciler(server);
        reconciler.converge(inventory);
        try (PostgresSession s = server.session("postgres")) {
            s.executeAlone("ALTER ROLE app_user PASSWORD NULL");
        }
        Files.delete(secret);

        Plan plan = reconciler.plan(inventory);

        assertThat(secret).as("reading never changes anything, not even a secret file").doesNotExist();
        assertThat(plan.changes()).singleElement().satisfies(change ->
                assertThat(change.attributes()).containsExactly(
                        new AttributeChange("password", "(secret not generated yet)", "(from file:" + secret + ")")));
        reconciler.apply(inventory, plan);
        assertThat(secret).exists();
        assertThat(matches(server, Files.readString(secret).strip())).isTrue();
        assertThat(reconciler.plan(inventory).changes()).isEmpty();
    }

    private static boolean matches(PostgresServer server, String password) {
        try (PostgresSession s = server.session("postgres")) {
            return s.passwordMatches("app_user", password.toCharArray());
        }
    }

    private static String shown(Plan plan) {
        StringBuilder text = new StringBuilder(plan.toString());
        for (PlannedChange change : plan.changes()) {
            change.steps().forEach(step -> text.append(step.display()));
        }
        return text.toString();
    }
}
