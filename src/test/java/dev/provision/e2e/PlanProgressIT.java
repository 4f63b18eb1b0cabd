package dev.provision.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.testbed.SshHost;
import dev.provision.testbed.UserKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * While plan reads hosts for more than a second, a terminal shows a progress line on standard error
 * that counts the hosts read and is cleared before the plan is printed; anything that is not a
 * terminal gets no such line. The host is a real sshd that starts every command 2 s late (its
 * {@code ~/.ssh/rc} sleeps; the kernel here has no netem to delay the network instead), so that reading
 * it reliably takes seconds; the packaged CLI runs in a real 80-column pseudo-terminal ({@code script}),
 * whose raw output, carriage returns included, is read back.
 */
class PlanProgressIT {
    private static final SshHost HOST = new SshHost();
    private static Path dir;
    private static Path inventory;

    @BeforeAll
    static void slowHost() throws IOException {
        HOST.start();
        dir = Files.createTempDirectory("provision-plan-progress");
        Path key = UserKeys.ed25519(dir, "id_ed25519", "");
        HOST.authorize("root", Path.of(key + ".pub"));
        Path knownHosts = Files.writeString(dir.resolve("known_hosts"), HOST.knownHostsLine() + "\n");
        // sshd runs ~/.ssh/rc before every session's command: each command on this host starts 2 s late
        HOST.exec("sh", "-c", "echo 'sleep 2' > /root/.ssh/rc");
        inventory = Files.writeString(dir.resolve("inventory.yaml"), """
                hosts:
                  slow:
                    address: %s
                    port: %d
                    user: root
                    identity: %s
                    known_hosts: %s
                """.formatted(HOST.getHost(), HOST.getMappedPort(SshHost.SSH_PORT), key, knownHosts));
    }

    @AfterAll
    static void stop() throws IOException {
        HOST.stop();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void onATerminalReadingShowsAProgressLineThatIsClearedBeforeThePlan() throws Exception {
        Path typescript = dir.resolve("terminal.txt");

        int exit = run(List.of("script", "-qec", "COLUMNS=80 " + Jar.shellCommand("plan", "-i", inventory.toString()),
                typescript.toString()));

        // colour codes (the line is faint) aside; the line clearing code \e[K stays
        String screen = Files.readString(typescript).replaceAll("\u001b\\[[0-9;]*m", "");
        assertThat(exit).as("plan ends (0 or 2):\n%s", screen).isIn(0, 2);
        assertThat(screen).as("the progress line counts the hosts read while reading takes seconds")
                .contains("reading hosts: 0 of 1 read [");
        String afterLastStatus = screen.substring(screen.lastIndexOf("elapsed]"));
        assertThat(afterLastStatus).as("the line is cleared before the plan is printed")
                .startsWith("elapsed]\r\u001b[K");
        screen.replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "").lines().filter(line -> !line.startsWith("Script "))
                .flatMap(line -> java.util.Arrays.stream(line.split("\r")))
                .forEach(shown -> assertThat(shown.length()).as("fits 80 columns: %s", shown).isLessThanOrEqualTo(80));
    }

    @Test
    void offATerminalThereIsNoProgressLine() throws Exception {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");

        int exit = run(List.of("sh", "-c", Jar.shellCommand("plan", "-i", inventory.toString()) + " >" + out + " 2>" + err));

        assertThat(exit).as("plan ends (0 or 2):\n%s", Files.readString(err)).isIn(0, 2);
        assertThat(Files.readString(err) + Files.readString(out)).as("a file gets no status line and no escape codes")
                .doesNotContain("reading hosts").doesNotContain("\u001b");
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("%s ends", command).isTrue();
        return process.exitValue();
    }
}
