package dev.provision.transport.ssh;

import dev.provision.testbed.LxcHost;
import dev.provision.transport.CommandResult;
import dev.provision.transport.PortForward;
import dev.provision.transport.TransportException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SshTransport against a real sshd on a disposable LXC host, with its host key verified. */
@Testcontainers
class SshTransportIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Container
    static final LxcHost HOST = new LxcHost();

    private static SshTransport ssh;

    @BeforeAll
    static void connect() {
        ssh = HOST.connect();
    }

    @AfterAll
    static void disconnect() {
        if (ssh != null) {
            ssh.close();
        }
    }

    @Test
    void runsLxcToolsOnTheHost() {
        CommandResult lxcLs = ssh.run(List.of("lxc-ls"), null, TIMEOUT);
        assertThat(lxcLs.exitStatus()).as("lxc is installed and usable: %s", lxcLs.stderr()).isZero();

        CommandResult bridge = ssh.run(List.of("ip", "-4", "addr", "show", "lxcbr0"), null, TIMEOUT);
        assertThat(bridge.stdout()).as("lxc-net brought up the bridge with its address").contains("10.0.3.1/24");
    }

    @Test
    void capturesExitStatusStdoutAndStderr() {
        CommandResult result = ssh.run(List.of("sh", "-c", "echo out; echo err >&2; exit 7"), null, TIMEOUT);
        assertThat(result.exitStatus()).as("a failing command is a result, not an exception").isEqualTo(7);
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
    }

    @Test
    void deliversEveryArgumentUnchangedThroughTheRemoteShell() {
        List<String> tricky = List.of("it's", "two words", "a;touch /tmp/pwned", "$(touch /tmp/pwned)",
                "`touch /tmp/pwned`", "line1\nline2", "", "*", "$HOME", "back\\slash");
        List<String> argv = new ArrayList<>(List.of("printf", "[%s]"));
        argv.addAll(tricky);
        CommandResult result = ssh.run(argv, null, TIMEOUT);
        StringBuilder expected = new StringBuilder();
        tricky.forEach(argument -> expected.append('[').append(argument).append(']'));
        assertThat(result.stdout()).as("the remote program sees exactly the arguments given").isEqualTo(expected.toString());
        assertThat(ssh.run(List.of("test", "-e", "/tmp/pwned"), null, TIMEOUT).exitStatus())
                .as("no argument was executed by the shell").isEqualTo(1);
    }

    @Test
    void passesStandardInputAndEndOfFile() {
        byte[] input = "line one\nsecret: s3cr3t\n".getBytes(StandardCharsets.UTF_8);
        assertThat(ssh.run(List.of("cat"), input, TIMEOUT).stdout()).isEqualTo("line one\nsecret: s3cr3t\n");
        assertThat(ssh.run(List.of("cat"), null, TIMEOUT).stdout())
                .as("without input the command gets end of file at once").isEmpty();
        byte[] large = new byte[3 * 1024 * 1024];
        java.util.Arrays.fill(large, (byte) 'x');
        assertThat(ssh.run(List.of("wc", "-c"), large, TIMEOUT).stdout().strip())
                .as("input larger than the channel window arrives whole").isEqualTo(String.valueOf(large.length));
    }

    @Test
    void runsCommandsFromSeveralThreadsOnOneConnection() throws Exception {
        int logins = acceptedLogins();
        ExecutorService threads = Executors.newFixedThreadPool(12);
        try {
            List<Future<CommandResult>> results = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String marker = "run-" + i;
                results.add(threads.submit(() -> ssh.run(List.of("sh", "-c", "sleep 0.2; echo \"$1\"", "sh", marker), null, TIMEOUT)));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get().stdout()).as("each command gets its own output").isEqualTo("run-" + i + "\n");
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(acceptedLogins()).as("all commands share the one authenticated connection").isEqualTo(logins);
    }

    @Test
    void killsACommandThatOutlivesItsTimeoutAndStaysUsable() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> ssh.run(List.of("sleep", "31"), null, Duration.ofSeconds(1)))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("sleep did not finish within 1 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the caller gets control back at the timeout")
                .isLessThan(Duration.ofSeconds(5));
        CommandResult left = ssh.run(List.of("sh", "-c",
                "for i in $(seq 1 50); do pgrep -x -f 'sleep 3[1]' >/dev/null || exit 0; sleep 0.1; done; exit 1"), null, TIMEOUT);
        assertThat(left.exitStatus()).as("the remote process was killed, not left running").isZero();
        assertThat(ssh.run(List.of("true"), null, TIMEOUT).succeeded())
                .as("a timed-out command does not break the connection").isTrue();
    }

    @Test
    void uploadsAtomicallyWithTheGivenMode() {
        String path = "/etc/provision-upload-test.conf";
        ssh.upload("first\n".getBytes(StandardCharsets.UTF_8), path, 0600);
        String firstInode = ssh.run(List.of("stat", "-c", "%i", path), null, TIMEOUT).stdout();

        ssh.upload("second version\n".getBytes(StandardCharsets.UTF_8), path, 0640);

        assertThat(ssh.run(List.of("cat", path), null, TIMEOUT).stdout()).isEqualTo("second version\n");
        assertThat(ssh.run(List.of("stat", "-c", "%a %U", path), null, TIMEOUT).stdout()).isEqualTo("640 root\n");
        assertThat(ssh.run(List.of("stat", "-c", "%i", path), null, TIMEOUT).stdout())
                .as("the file was replaced by a rename, never rewritten in place").isNotEqualTo(firstInode);
        assertThat(ssh.run(List.of("sh", "-c", "ls -a /etc | grep -c provision-upload-test"), null, TIMEOUT).stdout().strip())
                .as("no temporary file is left next to it").isEqualTo("1");
    }

    @Test
    void reportsAnUploadThatCannotBeWritten() {
        assertThatThrownBy(() -> ssh.upload(new byte[] {1}, "/no/such/dir/file", 0644))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("cannot write /no/such/dir/file");
    }

    @Test
    void forwardsALoopbackPortToAPortOnTheHost() throws Exception {
        try (PortForward forward = ssh.forward("127.0.0.1", 22);
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), forward.localPort())) {
            socket.setSoTimeout(10_000);
            String banner = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertThat(banner).as("the forward reaches the host's own sshd").startsWith("SSH-2.0-OpenSSH");
        }
    }

    @Test
    void connectsThroughAJumpHost(@TempDir Path dir) throws Exception {
        // Through the host itself to its own sshd, as seen from inside: 127.0.0.1:22.
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, "127.0.0.1 " + HOST.hostKey() + "\n");
        SshSettings viaJump = SshSettings.of("127.0.0.1", 22, "root")
                .withIdentity(HOST.identity())
                .withKnownHosts(knownHosts)
                .withJump(ssh);
        try (SshTransport inner = SshTransport.connect(viaJump)) {
            assertThat(inner.describe()).contains("via");
            CommandResult result = inner.run(List.of("sh", "-c", "echo $SSH_CONNECTION"), null, TIMEOUT);
            assertThat(result.stdout()).as("the inner session arrives from the jump host's loopback").startsWith("127.0.0.1 ");
        }
        assertThat(ssh.run(List.of("true"), null, TIMEOUT).succeeded())
                .as("closing the tunnelled connection leaves the jump host's connection open").isTrue();
    }

    /** How many logins sshd has accepted so far, from its log. */
    static int acceptedLogins() {
        return (int) HOST.getLogs().lines().filter(line -> line.contains("Accepted publickey")).count();
    }
}
