package dev.provision.incus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provision.testbed.IncusHost;
import dev.provision.transport.CommandResult;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST client against a real Incus 6.0 server: trust by token over pinned HTTPS, the Unix socket,
 * instance creation from an image with the operation waited on, exec with recorded output, the file API.
 */
class IncusClientIT {
    private static final char[] PASSWORD = "test-only-p12-password".toCharArray();

    private static IncusHost host;
    private static IncusClient client;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        host = new IncusHost();
        host.start();
        host.importDebianImage();
        ClientIdentity identity = ClientIdentity.loadOrCreate(dir.resolve("secrets/incus-client.p12"), PASSWORD);
        client = TrustEnrolment.enrol(URI.create(host.apiUrl()), null, TrustToken.decode(host.trustToken("provision").toCharArray()),
                identity, "default");
        ObjectNode create = IncusClient.JSON.createObjectNode();
        create.put("name", "c1");
        create.put("type", "container");
        create.putObject("source").put("type", "image").put("alias", IncusHost.IMAGE_ALIAS);
        client.call("POST", "/1.0/instances", create);
        ObjectNode start = IncusClient.JSON.createObjectNode();
        start.put("action", "start");
        start.put("timeout", 30);
        client.call("PUT", IncusClient.instancePath("c1") + "/state", start);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (host != null) {
            host.stop();
        }
    }

    @Test
    void theTokenMadeTheServerTrustProvisionsCertificateKeptOwnerOnly() throws Exception {
        Path p12 = dir.resolve("secrets/incus-client.p12");
        assertThat(client.trusted()).as("after enrolment the server must report auth=trusted for provision's certificate").isTrue();
        assertThat(Files.getPosixFilePermissions(p12)).as("the client key file is a secret: owner read/write only")
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String fingerprint = ClientIdentity.loadOrCreate(p12, PASSWORD).fingerprint();
        assertThat(host.exec("incus", "config", "trust", "list", "--format", "csv"))
                .as("the server's trust list must hold provision's certificate (by its fingerprint's prefix)")
                .contains(fingerprint.substring(0, 12));
    }

    @Test
    void aUsedTokenIsRefusedForAnotherCertificateAndSaysWhatToDo() {
        String token = host.trustToken("second");
        ClientIdentity first = ClientIdentity.loadOrCreate(dir.resolve("other/a.p12"), PASSWORD);
        TrustEnrolment.enrol(URI.create(host.apiUrl()), null, TrustToken.decode(token.toCharArray()), first, "default").close();
        ClientIdentity second = ClientIdentity.loadOrCreate(dir.resolve("other/b.p12"), PASSWORD);
        assertThatThrownBy(() -> TrustEnrolment.enrol(URI.create(host.apiUrl()), null, TrustToken.decode(token.toCharArray()), second, "default"))
                .as("a token works once: a second certificate must be refused with advice to make a new token")
                .isInstanceOf(IncusException.class)
                .hasMessageContaining("incus config trust add")
                .satisfies(e -> assertThat(e.getMessage()).as("the token's secret must not appear in the message").doesNotContain(token));
    }

    @Test
    void aServerWithAnotherCertificateIsRefusedBeforeAnythingIsSent() {
        ClientIdentity identity = ClientIdentity.loadOrCreate(dir.resolve("secrets/incus-client.p12"), PASSWORD);
        String wrong = "ab".repeat(32);
        try (IncusClient pinnedWrong = IncusClient.connect(new IncusEndpoint.Https(URI.create(host.apiUrl()), wrong), identity, "default")) {
            assertThatThrownBy(pinnedWrong::server)
                    .as("a certificate other than the pinned one must fail the TLS handshake, naming both fingerprints")
                    .isInstanceOf(IncusException.class)
                    .hasMessageContaining(host.certificateFingerprint())
                    .hasMessageContaining(wrong);
        }
    }

    @Test
    void execReturnsExitStatusAndBothStreams() {
        CommandResult result = client.exec("c1", List.of("sh", "-c", "cat /etc/hostname; echo \"$GREETING\" >&2; exit 3"),
                Map.of("GREETING", "hello from stderr"), Duration.ofSeconds(60));
        assertThat(result.exitStatus()).as("exec must report the command's own exit status").isEqualTo(3);
        assertThat(result.stdout().strip()).as("stdout is the instance's hostname, set from its name by the image template").isEqualTo("c1");
        assertThat(result.stderr().strip()).as("stderr is recorded separately, with the environment passed").isEqualTo("hello from stderr");
    }

    @Test
    void filesGoInWithTheirModeAndOwnerAndComeBackUnchanged() {
        byte[] content = "line one\nsecret-ish ünïcode\n".getBytes(StandardCharsets.UTF_8);
        client.pushFile("c1", "/root/pushed.txt", content, 0600, 0, 0);
        assertThat(client.exec("c1", List.of("stat", "-c", "%a %u %g %s", "/root/pushed.txt"), Map.of(), Duration.ofSeconds(30)).stdout().strip())
                .as("the pushed file must have mode 600, owner root and the full length")
                .isEqualTo("600 0 0 " + content.length);
        assertThat(client.pullFile("c1", "/root/pushed.txt")).as("pulling must give back the same bytes").isEqualTo(content);
    }

    @Test
    void theUnixSocketNeedsNoCertificateAndSeesTheSameServer() {
        try (IncusClient local = IncusClient.connect(new IncusEndpoint.Socket(host.socketPath()), null, "default")) {
            assertThat(local.server().path("auth").asText()).as("the socket is trusted by who may open it").isEqualTo("trusted");
            assertThat(local.get("/1.0/instances/c1").path("status").asText()).as("the socket sees the instance made over HTTPS")
                    .isEqualTo("Running");
            assertThat(local.exec("c1", List.of("echo", "via the socket"), Map.of(), Duration.ofSeconds(30)).stdout().strip())
                    .as("exec works over the socket as well").isEqualTo("via the socket");
        }
    }

    @Test
    void theInstanceTransportFeedsStandardInputAndLeavesNoInputFileBehind() {
        InstanceTransport transport = new InstanceTransport(client, "c1");
        CommandResult result = transport.run(List.of("sh", "-c", "tr a-z A-Z; echo \"args: $0 $1\"", "one two", "$(reboot)"),
                "from stdin\n".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(60));
        assertThat(result.stdout()).as("stdin reaches the command, and arguments arrive unchanged, never as shell text")
                .isEqualTo("FROM STDIN\nargs: one two $(reboot)\n");
        assertThat(transport.run(List.of("sh", "-c", "ls /run | grep -c provision-input || true"), null, null).stdout().strip())
                .as("the input file is removed once the command has it").isEqualTo("0");
    }

    @Test
    void theInstanceTransportUploadsInPlaceWithTheMode() {
        InstanceTransport transport = new InstanceTransport(client, "c1");
        transport.upload("first\n".getBytes(StandardCharsets.UTF_8), "/etc/provision-upload.conf", 0640);
        transport.upload("second\n".getBytes(StandardCharsets.UTF_8), "/etc/provision-upload.conf", 0640);
        assertThat(transport.run(List.of("sh", "-c", "stat -c %a /etc/provision-upload.conf; cat /etc/provision-upload.conf;"
                + " ls /etc | grep -c 'provision-upload.conf.provision-' || true"), null, null).stdout())
                .as("the second upload replaces the first, keeps mode 640 and leaves no temporary file")
                .isEqualTo("640\nsecond\n0\n");
    }

    @Test
    void aForwardReachesAPortInsideTheInstanceWithoutSsh() throws Exception {
        InstanceTransport transport = new InstanceTransport(client, "c1");
        transport.run(List.of("sh", "-c", "nohup perl -MIO::Socket::INET -e '$s=IO::Socket::INET->new(LocalAddr=>\"127.0.0.1:7777\","
                + "Listen=>5,ReuseAddr=>1) or die; while($c=$s->accept){ $c->autoflush(1); print $c \"hello\\n\";"
                + " while(<$c>){ print $c \"echo:$_\" } close $c }' >/dev/null 2>&1 &"), null, null);
        Thread.sleep(500);
        try (var forward = transport.forward("127.0.0.1", 7777)) {
            for (int round = 0; round < 2; round++) {
                try (var socket = new java.net.Socket("127.0.0.1", forward.localPort());
                        var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                    socket.setSoTimeout(15_000);
                    assertThat(in.readLine()).as("the server's greeting comes back through the exec stream").isEqualTo("hello");
                    socket.getOutputStream().write(("ping " + round + "\n").getBytes(StandardCharsets.UTF_8));
                    socket.getOutputStream().flush();
                    assertThat(in.readLine()).as("bytes go both ways, and each connection gets its own relay")
                            .isEqualTo("echo:ping " + round);
                }
            }
        }
    }

    @Test
    void theSeamsExecUploadAndForwardReachTheInstanceThroughTheHostConnection() throws Exception {
        IncusAccess access = new IncusAccess();
        IncusHostTransport hostConnection = new IncusHostTransport(client);
        var upload = access.upload("incus", "c1", "/root/seam.conf", "secret=not-logged\n", "write /root/seam.conf");
        CommandResult staged = hostConnection.run(upload.argv(), upload.stdin().getBytes(StandardCharsets.UTF_8), upload.timeout());
        assertThat(staged.exitStatus()).as("the upload step runs through the host connection: " + staged.stderr()).isZero();
        CommandResult read = hostConnection.run(access.execArgv("c1", List.of("stat", "-c", "%a", "/root/seam.conf")), null, null);
        assertThat(read.stdout().strip()).as("the uploaded file is readable by root only").isEqualTo("600");
        assertThatThrownBy(() -> hostConnection.run(List.of("uname", "-a"), null, null))
                .as("an Incus host runs no commands of its own: a command not addressed to an instance is a bug, refused")
                .isInstanceOf(dev.provision.transport.TransportException.class).hasMessageContaining("inside its instances");
        hostConnection.run(access.execArgv("c1", List.of("sh", "-c", "nohup perl -MIO::Socket::INET -e '$s=IO::Socket::INET->new("
                + "LocalAddr=>\"127.0.0.1:7778\",Listen=>5,ReuseAddr=>1) or die; while($c=$s->accept){ print $c \"seam\\n\"; close $c }'"
                + " >/dev/null 2>&1 &")), null, null);
        Thread.sleep(500);
        try (var forward = access.forward(hostConnection, "c1", "ignored", 7778);
                var socket = new java.net.Socket("127.0.0.1", forward.localPort());
                var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            socket.setSoTimeout(15_000);
            assertThat(in.readLine()).as("the seam's forward reaches the instance's port through the host connection").isEqualTo("seam");
        }
    }

    @Test
    void aMissingInstanceIsANotFoundError() {
        assertThatThrownBy(() -> client.get("/1.0/instances/nope"))
                .as("a missing instance is a 404 the caller can tell apart")
                .isInstanceOfSatisfying(IncusException.class, e -> assertThat(e.notFound()).isTrue());
    }
}
