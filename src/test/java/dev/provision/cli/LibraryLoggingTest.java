package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LibraryLoggingTest {

    @Test
    void passwordsVerifiersAndPrivateKeysAreMaskedInLibraryRecords() {
        assertThat(LibraryLogging.redact("ALTER USER \"app\" PASSWORD 'SCRAM-SHA-256$4096:c2FsdA==$a:b'"))
                .doesNotContain("c2FsdA", "4096:").contains("[redacted]");
        assertThat(LibraryLogging.redact("connecting with password=hunter2 to db")).doesNotContain("hunter2");
        assertThat(LibraryLogging.redact("key -----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n-----END OPENSSH PRIVATE KEY-----"))
                .doesNotContain("b3Blbn").contains("[private key redacted]");
        assertThat(LibraryLogging.redact("Client identity string: SSH-2.0-SSHJ_0.40.0"))
                .isEqualTo("Client identity string: SSH-2.0-SSHJ_0.40.0");
    }
}
