package dev.provision.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.testing.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * With pg_stat_statements loaded and tracking every statement, utility statements included, on a real
 * PostgreSQL 15 (a server of its own, since the library is preloaded at start): setting a password
 * leaves no verifier in its view nor in the file where it keeps query texts.
 */
class PgStatStatementsServerTest {

    @Test
    void settingAPasswordLeavesNoVerifierInPgStatStatements() throws IOException {
        try (PostgresServer server = PostgresServer.start(List.of("shared_preload_libraries=pg_stat_statements",
                "pg_stat_statements.track=all", "pg_stat_statements.track_utility=on"))) {
            try (PostgresSession session = server.session("postgres")) {
                session.executeAlone("CREATE EXTENSION pg_stat_statements");
                session.executeAlone("CREATE ROLE pw_user LOGIN");
                String canary = "canary-" + UUID.randomUUID();
                session.executeAlone("COMMENT ON ROLE pw_user IS '" + canary + "'");
                assertThat(texts(session)).as("utility statements are tracked with their text").contains(canary);

                session.setPassword("pw_user", "Stat-Secret-4711".toCharArray());

                assertThat(session.passwordMatches("pw_user", "Stat-Secret-4711".toCharArray())).isTrue();
                String verifier = (String) session.query("SELECT rolpassword FROM pg_authid WHERE rolname = 'pw_user'").get(0).get("rolpassword");
                assertThat(texts(session)).as("pg_stat_statements holds no verifier").doesNotContain("SCRAM-SHA-256$")
                        .doesNotContain(verifier.split("\\$")[2]);
            }
            try (Stream<Path> files = Files.walk(server.socketDirectory())) {
                List<Path> holding = files.filter(Files::isRegularFile)
                        // the catalog and the WAL hold the verifier, as they must
                        .filter(file -> Stream.of("base", "global", "pg_wal").noneMatch(d -> file.startsWith(server.socketDirectory().resolve("data").resolve(d))))
                        .filter(file -> contains(file, "SCRAM-SHA-256$"))
                        .toList();
                assertThat(holding).as("no other file of the server (query texts, log) holds a verifier").isEmpty();
            }
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            return false; // a file removed while walking
        }
    }

    private static String texts(PostgresSession session) {
        return session.query("SELECT string_agg(query, E'\\n') AS q FROM pg_stat_statements").get(0).get("q").toString();
    }
}
