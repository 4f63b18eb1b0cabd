package dev.provision.transport.ssh;

import dev.provision.testbed.LxcHost;
import dev.provision.transport.CommandResult;
import dev.provision.transport.PortForward;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.Network;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A host that the test JVM cannot reach directly is reached through a jump host that can. */
@Testcontainers
class JumpHostIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Network NETWORK = Network.newNetwork();

    @Container
    static final LxcHost BASTION = new LxcHost().withNetwork(NETWORK);

    /** Only its address on the private Docker network is used, never its published port. */
    @Container
    static final LxcHost INNER = new LxcHost().withNetwork(NETWORK).withNetworkAliases("inner-lxc-host");

    @AfterAll
    static void removeNetwork() {
        NETWORK.close();
    }

    @Test
    void runsCommandsAndForwardsPortsOnAHostBehindAJumpHost(@TempDir Path dir) throws Exception {
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, "inner-lxc-host " + INNER.hostKey() + "\n");
        try (SshTransport bastion = BASTION.connect();
             SshTransport inner = SshTransport.connect(SshSettings.of("inner-lxc-host", 22, "root")
                     .withIdentity(INNER.identity())
                     .withKnownHosts(knownHosts)
                     .withJump(bastion))) {
            CommandResult hostname = inner.run(List.of("hostname"), null, TIMEOUT);
            assertThat(hostname.stdout().strip()).as("the command ran on the inner host, not on the jump host")
                    .isEqualTo(INNER.exec("hostname").strip())
                    .isNotEqualTo(BASTION.exec("hostname").strip());

            try (PortForward forward = inner.forward("127.0.0.1", 22);
                 Socket socket = new Socket(InetAddress.getLoopbackAddress(), forward.localPort())) {
                socket.setSoTimeout(10_000);
                String banner = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                assertThat(banner).as("a forward through two hops reaches the inner host's port").startsWith("SSH-2.0-");
            }
        }
    }
}
