package dev.provision.transport.ssh;

import net.schmizz.sshj.common.Buffer;
import org.junit.jupiter.api.Test;

import java.security.PublicKey;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class HostKeyFingerprintTest {

    /** A key and the fingerprint that {@code ssh-keygen -lf} printed for it. */
    private static final String BLOB = "AAAAC3NzaC1lZDI1NTE5AAAAIFMcAl/IdRVUl5XKzx41NVncMw3xNy5KkvLLYRcKY/lx";
    private static final String OPENSSH_FINGERPRINT = "SHA256:v2KVBdBxpEJHHUHZ6LhTtcGWNrW3k/lEp0R/RY8FtQU";

    @Test
    void matchesOpenSshForAKnownHostsEntry() {
        assertThat(HostKeyFingerprint.of("ssh-ed25519", BLOB)).isEqualTo("ssh-ed25519 " + OPENSSH_FINGERPRINT);
    }

    @Test
    void matchesOpenSshForAPresentedKey() throws Exception {
        PublicKey key = new Buffer.PlainBuffer(Base64.getDecoder().decode(BLOB)).readPublicKey();
        assertThat(HostKeyFingerprint.of(key)).as("what the server presents reads like ssh-keygen -l")
                .isEqualTo("ssh-ed25519 " + OPENSSH_FINGERPRINT);
    }
}
