package dev.provision.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.testing.PostgresServer;
import dev.provision.testing.WithPostgres;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A secret matches the verifier a real PostgreSQL 15 stored for it when the server hashed the clear
 * text itself, after its own SASLprep: non-ASCII passwords that normalisation changes included, and
 * passwords SASLprep refuses, which the server hashes as they are.
 */
@ExtendWith(WithPostgres.class)
class ScramVerifierServerTest {

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', value = {
            "\u2168-roman-nine   | IX-roman-nine    | compatibility mapping (NFKC): U+2168 is IX",
            "\uFB01le-ligature   | file-ligature    | NFKC: the fi ligature is two letters",
            "cafe\u0301-latte    | caf\u00E9-latte  | NFKC composes e and a combining acute",
            "soft\u00ADhyphen    | softhyphen       | mapped to nothing: a soft hyphen disappears",
            "non\u00A0breaking   | non breaking     | a non-ASCII space becomes a space",
            "priv\uE000ate-use   |                  | prohibited in SASLprep: the server hashes the raw bytes",
    })
    void secretMatchesTheVerifierTheServerMadeFromItsClearText(String password, String normalised, String why, PostgresServer server) {
        try (PostgresSession session = server.session("postgres")) {
            session.executeAlone("CREATE ROLE scram_user LOGIN");
            // the server hashes the clear text itself (password_encryption is scram-sha-256), after its own SASLprep
            session.executeAlone("ALTER ROLE scram_user PASSWORD " + Sql.literal(password));
            String verifier = (String) session.query("SELECT rolpassword FROM pg_authid WHERE rolname = 'scram_user'").get(0).get("rolpassword");

            assertThat(verifier).as("the server stored a SCRAM verifier").startsWith("SCRAM-SHA-256$");
            assertThat(ScramVerifier.matches(verifier, password.toCharArray())).as("the secret itself matches (%s)", why).isTrue();
            assertThat(session.matchingPasswords(Map.of("scram_user", password.toCharArray())))
                    .as("the batched check agrees (%s)", why).containsExactly("scram_user");
            if (normalised != null) {
                assertThat(ScramVerifier.matches(verifier, normalised.toCharArray()))
                        .as("the server hashed the normalised form, so that matches too: proof normalisation happened (%s)", why).isTrue();
            }
            assertThat(ScramVerifier.matches(verifier, (password + "x").toCharArray())).as("another password does not match").isFalse();
        }
    }
}
