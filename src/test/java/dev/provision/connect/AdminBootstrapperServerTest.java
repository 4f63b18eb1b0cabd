package dev.provision.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.postgres.PostgresSession;
import dev.provision.testing.PostgresServer;
import dev.provision.testing.WithPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.util.PasswordUtil;

/**
 * The script that gives provision's admin role its verifier, run by psql as the {@code postgres} OS
 * user exactly as the bootstrap runs it, against a real PostgreSQL 15 told to log every statement, its
 * duration and every parse: the role gets the verifier, and the verifier reaches no log.
 */
@ExtendWith(WithPostgres.class)
class AdminBootstrapperServerTest {

    @Test
    void verifierReachesTheRoleButNotTheLog(PostgresServer server) throws IOException, InterruptedException {
        try (PostgresSession admin = server.session("postgres")) {
            admin.executeAlone("ALTER ROLE postgres SET log_min_duration_statement = 0");
            admin.executeAlone("ALTER ROLE postgres SET log_transaction_sample_rate = 1");
            admin.executeAlone("ALTER DATABASE postgres SET log_min_messages = debug5");
        }
        String password = "bootstrap-Secret-4711";
        String verifier = PasswordUtil.encodeScramSha256(password.toCharArray());
        int from = server.log().length();

        Process psql = new ProcessBuilder("runuser", "-u", "postgres", "--", PostgresServer.BIN.resolve("psql").toString(),
                "-h", server.socketDirectory().toString(), "-p", String.valueOf(server.port()), "-d", "postgres",
                "-XAtq", "-v", "ON_ERROR_STOP=1", "-v", "VERBOSITY=terse").redirectErrorStream(true).start();
        psql.getOutputStream().write(AdminBootstrapper.script(verifier).getBytes(StandardCharsets.UTF_8));
        psql.getOutputStream().close();
        String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(psql.waitFor(60, TimeUnit.SECONDS) && psql.exitValue() == 0).as("psql ran the script: %s", output).isTrue();

        try (PostgresSession admin = server.session("postgres")) {
            assertThat(admin.query("SELECT rolpassword FROM pg_authid WHERE rolname = ?", PostgresServer.ADMIN))
                    .as("the admin role has the verifier").containsExactly(java.util.Map.of("rolpassword", verifier));
            assertThat(admin.passwordMatches(PostgresServer.ADMIN, password.toCharArray())).isTrue();
        }
        String log = server.log().substring(from);
        assertThat(log).as("the settings are in force: psql's statements are logged").contains("duration:").contains("SET LOCAL");
        assertThat(log).as("the verifier reaches no log line").doesNotContain(verifier.split("\\$")[2]).doesNotContain("SCRAM-SHA-256$");
        assertThat(List.of(output)).as("psql printed nothing").containsExactly("");
    }
}
