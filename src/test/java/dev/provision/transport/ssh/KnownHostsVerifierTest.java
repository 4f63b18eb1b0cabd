package dev.provision.transport.ssh;

import net.schmizz.sshj.common.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class KnownHostsVerifierTest {

    private static final PublicKey PRESENTED = rsaKey();
    private static final PublicKey OTHER = rsaKey();

    @Test
    void refusesAnUnknownHostAndSaysHowToTrustIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("known_hosts");
        KnownHostsVerifier verifier = new KnownHostsVerifier(file, false);

        assertThat(verifier.verify("db1.example.test", 2222, PRESENTED)).isFalse();
        assertThat(verifier.refusal())
                .contains("[db1.example.test]:2222 is not in " + file)
                .contains(HostKeyFingerprint.of(PRESENTED))
                .contains("no session was opened")
                .contains("ssh-keyscan -p 2222 db1.example.test >> " + file)
                .contains("accept_new_host_key: true");
        assertThat(file).as("strict checking never writes").doesNotExist();
    }

    @Test
    void recordsANewHostOnlyWhenAskedTo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nested").resolve("known_hosts");
        assertThat(new KnownHostsVerifier(file, true).verify("db1.example.test", 22, PRESENTED)).isTrue();
        assertThat(Files.readString(file)).startsWith("db1.example.test ssh-rsa " + blob(PRESENTED));

        KnownHostsVerifier strict = new KnownHostsVerifier(file, false);
        assertThat(strict.verify("db1.example.test", 22, PRESENTED)).as("the recorded key is trusted from now on").isTrue();
        assertThat(strict.refusal()).isNull();
    }

    @Test
    void refusesAChangedKeyEvenWithTrustOnFirstUse(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("known_hosts");
        String line = "[10.0.3.7]:22022 ssh-rsa " + blob(OTHER) + " old-host\n";
        Files.writeString(file, line);
        for (boolean acceptNew : new boolean[] {false, true}) {
            KnownHostsVerifier verifier = new KnownHostsVerifier(file, acceptNew);
            assertThat(verifier.verify("10.0.3.7", 22022, PRESENTED)).isFalse();
            assertThat(verifier.refusal())
                    .startsWith("HOST KEY CHANGED for [10.0.3.7]:22022")
                    .contains("expects " + HostKeyFingerprint.of(OTHER))
                    .contains("presented " + HostKeyFingerprint.of(PRESENTED))
                    .contains("no session was opened and nothing ran")
                    .contains("ssh-keygen -R '[10.0.3.7]:22022' -f " + file);
        }
        assertThat(Files.readString(file)).as("a changed key is never written over the old one").isEqualTo(line);
    }

    private static String blob(PublicKey key) {
        return Base64.getEncoder().encodeToString(new Buffer.PlainBuffer().putPublicKey(key).getCompactData());
    }

    private static PublicKey rsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPublic();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
