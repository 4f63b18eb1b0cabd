package dev.provision.transport.local;

import dev.provision.transport.CommandResult;
import dev.provision.transport.PortForward;
import dev.provision.transport.TransportException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalTransportTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    void runsAProgramAndReportsSuccess() {
        try (LocalTransport transport = new LocalTransport()) {
            CommandResult result = transport.run(List.of("true"), null, TIMEOUT);
            assertThat(result.exitStatus()).isZero();
            assertThat(result.succeeded()).isTrue();
        }
    }

    @Test
    void reportsANonZeroExitAsAResultWithItsOutput() {
        try (LocalTransport transport = new LocalTransport()) {
            CommandResult result = transport.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), null, TIMEOUT);
            assertThat(result.exitStatus()).as("a failing command is a result, not an exception").isEqualTo(3);
            assertThat(result.stdout()).isEqualTo("out\n");
            assertThat(result.stderr()).isEqualTo("err\n");
        }
    }

    @Test
    void passesStandardInput() {
        byte[] input = "secret\nline two\n".getBytes(StandardCharsets.UTF_8);
        try (LocalTransport transport = new LocalTransport()) {
            assertThat(transport.run(List.of("cat"), input, TIMEOUT).stdout()).isEqualTo("secret\nline two\n");
            assertThat(transport.run(List.of("cat"), null, TIMEOUT).stdout())
                    .as("no input means end of file at once, so cat finishes").isEmpty();
        }
    }

    @Test
    void passesArgumentsUninterpreted() {
        try (LocalTransport transport = new LocalTransport()) {
            String tricky = "$(echo pwned); it's `id` *";
            assertThat(transport.run(List.of("printf", "%s", tricky), null, TIMEOUT).stdout()).isEqualTo(tricky);
        }
    }

    @Test
    void killsACommandThatOutlivesItsTimeout() {
        try (LocalTransport transport = new LocalTransport()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> transport.run(List.of("sleep", "30"), null, Duration.ofMillis(300)))
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining("sleep did not finish within");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the timeout must not wait for the command")
                    .isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void reportsAProgramThatDoesNotExist() {
        try (LocalTransport transport = new LocalTransport()) {
            assertThatThrownBy(() -> transport.run(List.of("no-such-program-provision"), null, TIMEOUT))
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining("cannot start no-such-program-provision");
        }
    }

    @Test
    void uploadsAtomicallyWithTheGivenMode(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("postgresql.conf");
        Files.writeString(target, "old");
        try (LocalTransport transport = new LocalTransport()) {
            transport.upload("new content\n".getBytes(StandardCharsets.UTF_8), target.toString(), 0640);
        }
        assertThat(Files.readString(target)).isEqualTo("new content\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r-----");
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temporary file is left behind").containsExactly(target);
        }
    }

    @Test
    void forwardsToLoopbackWithoutARelay() {
        try (LocalTransport transport = new LocalTransport(); PortForward forward = transport.forward("127.0.0.1", 5432)) {
            assertThat(forward.localPort()).isEqualTo(5432);
        }
    }

    /** The relay is what a non-loopback destination gets; it is exercised here on loopback only. */
    @Test
    void relaysEachConnectionBothWays() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket echo = new ServerSocket(0, 50, loopback);
             PortForward forward = TcpRelay.start(loopback.getHostAddress(), echo.getLocalPort())) {
            CompletableFuture.runAsync(() -> {
                try (Socket peer = echo.accept()) {
                    peer.getInputStream().transferTo(peer.getOutputStream());
                } catch (IOException ignored) {
                    // The test fails on its own side.
                }
            });
            assertThat(forward.localPort()).as("the relay listens on a port of its own").isNotEqualTo(echo.getLocalPort());
            try (Socket client = new Socket(loopback, forward.localPort())) {
                OutputStream out = client.getOutputStream();
                out.write("ping".getBytes(StandardCharsets.US_ASCII));
                client.shutdownOutput();
                InputStream in = client.getInputStream();
                assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII))
                        .as("bytes travel to the destination and back, and end of stream is passed on")
                        .isEqualTo("ping");
            }
        }
    }
}
