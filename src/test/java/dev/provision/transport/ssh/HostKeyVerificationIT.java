package dev.provision.transport.ssh;

import dev.provision.testbed.LxcHost;
import dev.provision.transport.TransportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Host keys are checked strictly: unknown keys only with trust on first use, changed keys never. */
@Testcontainers
class HostKeyVerificationIT {

    @Container
    static final LxcHost HOST = new LxcHost();

    @Test
    void connectsWhenKnownHostsHoldsTheHostKey() {
        try (SshTransport ssh = HOST.connect()) {
            assertThat(ssh.run(List.of("true"), null, Duration.ofSeconds(30)).succeeded()).isTrue();
        }
    }

    @Test
    void refusesAChangedHostKeyBeforeAnySession(@TempDir Path dir) throws Exception {
        String otherKey = otherEd25519Key();
        Path knownHosts = dir.resolve("known_hosts");
        String hostPort = "[" + HOST.getHost() + "]:" + HOST.getMappedPort(LxcHost.SSH_PORT);
        Files.writeString(knownHosts, hostPort + " " + otherKey + "\n");
        int logins = acceptedLogins();

        for (boolean acceptNew : List.of(false, true)) {
            SshSettings settings = HOST.sshSettings().withKnownHosts(knownHosts).withAcceptNewHostKey(acceptNew);
            assertThatThrownBy(() -> SshTransport.connect(settings).close())
                    .as("a changed key is refused even with accept_new_host_key=%s", acceptNew)
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining("HOST KEY CHANGED for " + hostPort)
                    .hasMessageContaining("expects " + fingerprint(otherKey))
                    .hasMessageContaining("presented " + fingerprint(HOST.hostKey()))
                    .hasMessageContaining("no session was opened")
                    .hasMessageContaining("ssh-keygen -R");
        }
        assertThat(acceptedLogins()).as("no login happened, so nothing could run").isEqualTo(logins);
        assertThat(Files.readString(knownHosts)).as("known_hosts is left as it was").isEqualTo(hostPort + " " + otherKey + "\n");
    }

    @Test
    void refusesAnUnknownHostByDefault(@TempDir Path dir) {
        Path knownHosts = dir.resolve("known_hosts");
        int logins = acceptedLogins();
        assertThatThrownBy(() -> SshTransport.connect(HOST.sshSettings().withKnownHosts(knownHosts)).close())
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("is not in " + knownHosts)
                .hasMessageContaining(fingerprint(HOST.hostKey()))
                .hasMessageContaining("no session was opened")
                .hasMessageContaining("ssh-keyscan -p " + HOST.getMappedPort(LxcHost.SSH_PORT))
                .hasMessageContaining("accept_new_host_key");
        assertThat(acceptedLogins()).isEqualTo(logins);
        assertThat(knownHosts).as("strict checking writes nothing").doesNotExist();
    }

    @Test
    void acceptsAndRecordsANewHostKeyWhenAskedTo(@TempDir Path dir) throws Exception {
        Path knownHosts = dir.resolve("ssh").resolve("known_hosts");
        try (SshTransport ssh = SshTransport.connect(HOST.sshSettings().withKnownHosts(knownHosts).withAcceptNewHostKey(true))) {
            assertThat(ssh.run(List.of("true"), null, Duration.ofSeconds(30)).succeeded()).isTrue();
        }
        assertThat(Files.readString(knownHosts)).as("trust on first use records the key it trusted")
                .contains(HOST.knownHostsLine());
        try (SshTransport ssh = SshTransport.connect(HOST.sshSettings().withKnownHosts(knownHosts))) {
            assertThat(ssh.run(List.of("true"), null, Duration.ofSeconds(30)).succeeded())
                    .as("the recorded key satisfies strict checking next time").isTrue();
        }
    }

    private static String otherEd25519Key() {
        HOST.exec("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", "/tmp/other_host_key");
        String[] fields = HOST.exec("cat", "/tmp/other_host_key.pub").trim().split("\\s+");
        return fields[0] + " " + fields[1];
    }

    private static String fingerprint(String publicKeyLine) {
        String[] fields = publicKeyLine.split(" ");
        return HostKeyFingerprint.of(fields[0], fields[1]);
    }

    private static int acceptedLogins() {
        return (int) HOST.getLogs().lines().filter(line -> line.contains("Accepted publickey")).count();
    }
}
