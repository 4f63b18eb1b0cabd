package dev.provision.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.testing.PostgresServer;
import dev.provision.testing.WithPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Setting a password never reaches a real PostgreSQL 15 server's log, whichever setting would log
 * statements and wherever it is set (postgresql.conf through ALTER SYSTEM, the database, the admin
 * role): neither the clear text nor any SCRAM verifier. Each case first proves that its setting is in
 * force and logs a statement of the same session, so a case cannot pass because nothing is logged.
 */
@ExtendWith(WithPostgres.class)
class PasswordLoggingServerTest {
    private static final String PASSWORD = "Logged-Never-\u00e9-4711";

    @ParameterizedTest(name = "{1} = {2} set for the {0}")
    @CsvSource({
            "system,   log_statement,              all",
            "system,   log_statement,              ddl",
            "system,   log_statement,              mod",
            "database, log_statement,              all",
            "database, log_statement,              ddl",
            "database, log_statement,              mod",
            "role,     log_statement,              all",
            "role,     log_statement,              ddl",
            "role,     log_statement,              mod",
            "system,   log_min_duration_statement, 0",
            "database, log_min_duration_statement, 0",
            "role,     log_min_duration_statement, 0",
            "system,   log_min_messages,           debug5",
            "role,     log_transaction_sample_rate, 1",
    })
    void settingAPasswordIsNeverLogged(String scope, String parameter, String value, PostgresServer server) {
        try (PostgresSession admin = server.session("postgres")) {
            admin.executeAlone("CREATE ROLE pw_user LOGIN");
            admin.executeAlone("ALTER SYSTEM SET log_statement = 'none'");
            admin.executeAlone(switch (scope) {
                case "system" -> "ALTER SYSTEM SET " + parameter + " = " + Sql.literal(value);
                case "database" -> "ALTER DATABASE postgres SET " + parameter + " = " + Sql.literal(value);
                default -> "ALTER ROLE " + PostgresServer.ADMIN + " SET " + parameter + " = " + Sql.literal(value);
            });
            admin.query("SELECT pg_reload_conf()");
        }
        int from = server.log().length();
        try (PostgresSession session = sessionWith(server, parameter, value)) {
            String canary = "canary-" + UUID.randomUUID();
            session.executeAlone("COMMENT ON ROLE pw_user IS " + Sql.literal(canary));
            assertThat(server.log().substring(from)).as("%s = %s logs this session's statements", parameter, value).contains(canary);

            session.setPassword("pw_user", PASSWORD.toCharArray());

            String verifier = (String) session.query("SELECT rolpassword FROM pg_authid WHERE rolname = 'pw_user'").get(0).get("rolpassword");
            assertThat(session.passwordMatches("pw_user", PASSWORD.toCharArray())).as("the password was set").isTrue();
            assertThat(server.log().substring(from)).as("neither the password nor its verifier reaches the server log")
                    .doesNotContain(PASSWORD).doesNotContain("SCRAM-SHA-256$").doesNotContain(verifier.split("\\$")[2]);
        }
    }

    @ParameterizedTest(name = "log_min_error_statement = debug5 set for the {0}")
    @CsvSource({"system", "role"})
    void aFailedPasswordChangeIsNeverLoggedNorReported(String scope, PostgresServer server) {
        try (PostgresSession admin = server.session("postgres")) {
            admin.executeAlone(scope.equals("system") ? "ALTER SYSTEM SET log_min_error_statement = debug5"
                    : "ALTER ROLE " + PostgresServer.ADMIN + " SET log_min_error_statement = debug5");
            admin.query("SELECT pg_reload_conf()");
        }
        int from = server.log().length();
        try (PostgresSession session = sessionWith(server, "log_min_error_statement", "debug5")) {
            String canary = "canary-" + UUID.randomUUID();
            assertThatThrownBy(() -> session.executeAlone("COMMENT ON ROLE no_such_role IS " + Sql.literal(canary)));
            assertThat(server.log().substring(from)).as("a failed statement is logged with its text").contains(canary);

            assertThatThrownBy(() -> session.setPassword("no_such_role", PASSWORD.toCharArray()))
                    .as("the failure names the role, never the verifier")
                    .hasMessageContaining("no_such_role").hasMessageNotContaining("SCRAM-SHA-256$").hasMessageNotContaining(PASSWORD);
            assertThat(server.log().substring(from)).as("the failed statement with its verifier is not logged")
                    .contains("no_such_role\" does not exist").doesNotContain("SCRAM-SHA-256$").doesNotContain(PASSWORD);
        }
    }

    /** A new admin session once the setting is in force there (a reload reaches new sessions a moment later). */
    private static PostgresSession sessionWith(PostgresServer server, String parameter, String value) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (true) {
            PostgresSession session = server.session("postgres");
            String shown = (String) session.query("SELECT current_setting(?) AS v", parameter).get(0).get("v");
            if (shown.equalsIgnoreCase(value) || Instant.now().isAfter(deadline)) {
                assertThat(shown).as("%s is in force in a new session", parameter).isEqualToIgnoringCase(value);
                return session;
            }
            session.close();
        }
    }
}
