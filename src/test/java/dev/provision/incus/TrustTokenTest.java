package dev.provision.incus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TrustTokenTest {
    private static final String SECRET = "50bb180f510614f0dd3d8cc4f9aefba6956d969863543596e8c242d1c1f4c0c6";

    private static String token(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesWhatIncusConfigTrustAddPrints() {
        String encoded = token("{\"client_name\":\"provision\",\"fingerprint\":\"B0DB5754A1A9E78C3FFB791F3F6ABB6A4ED08F5F9101F9E934E9BC024BD846B6\","
                + "\"addresses\":[\"10.0.3.1:8443\",\"172.17.0.3:8443\"],\"secret\":\"" + SECRET + "\",\"expires_at\":\"0001-01-01T00:00:00Z\"}");
        TrustToken token = TrustToken.decode(("  " + encoded + "\n").toCharArray());
        assertThat(token.serverFingerprint()).as("the fingerprint provision pins is normalised to lower-case hex")
                .isEqualTo("b0db5754a1a9e78c3ffb791f3f6abb6a4ed08f5f9101f9e934e9bc024bd846b6");
        assertThat(token.addresses()).containsExactly("10.0.3.1:8443", "172.17.0.3:8443");
        assertThat(token.encoded()).as("the server gets the token back exactly, without surrounding blanks").isEqualTo(encoded);
        assertThat(token.toString()).as("the token is a secret until used: toString shows neither it nor its secret")
                .doesNotContain(SECRET).doesNotContain(encoded);
    }

    @Test
    void somethingElseIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> TrustToken.decode("not a token at all".toCharArray()))
                .as("a value that is not a token is refused, and the message does not echo it")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("incus config trust add")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not a token at all"));
        assertThatThrownBy(() -> TrustToken.decode(token("{\"server_name\":\"m2\",\"secret\":\"x\"}").toCharArray()))
                .as("a cluster join token has no server fingerprint and is refused as the wrong kind")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cluster join token");
    }

    @Test
    void pinsAreComparedWithoutColonsOrCase() {
        assertThat(IncusEndpoint.normalise("AB:cd:EF")).isEqualTo("abcdef");
        assertThatThrownBy(() -> new IncusEndpoint.Https(java.net.URI.create("https://localhost:8443"), "abc"))
                .as("a fingerprint that is not SHA-256 hex is refused").isInstanceOf(IllegalArgumentException.class);
    }
}
