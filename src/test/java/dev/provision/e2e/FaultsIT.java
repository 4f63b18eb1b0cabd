package dev.provision.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.testbed.LxcHost;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** Faults on a real host: each leaves a state from which the next apply converges, and says what happened. */
@Testcontainers
class FaultsIT {

    @Container
    static final LxcHost HOST = new LxcHost();

    @TempDir
    Path dir;

    private static final String CONTAINERS = """
            containers:
              app:
                host: bed
                image: { template: debian, release: bookworm }
                resources: { memory: 256MiB }
            """;

    @Test
    void anUnreachableHostIsAClearFailureThatTouchesNothing() throws Exception {
        Path inventory = dir.resolve("inventory.yaml");
        Files.writeString(inventory, TestBedInventory.hosts(HOST).replaceFirst("port: \\d+", "port: 1") + CONTAINERS);

        Cli.Run plan = new Cli(inventory).run("plan");

        assertThat(plan.exitCode()).isEqualTo(1);
        assertThat(plan.err()).contains("bed").containsIgnoringCase("connect").doesNotContain("\tat ");
    }

    @Test
    void anApplyKilledWithSigkillMidCreationIsFinishedByTheNextApply() throws Exception {
        Path inventory = TestBedInventory.write(dir, HOST, CONTAINERS);
        Path jar = Path.of("target/provision-cli.jar");
        assertThat(jar).as("the runnable jar is built before the integration tests").exists();

        Process apply = new ProcessBuilder(List.of(javaBinary(), "-jar", jar.toString(), "apply", "-i", inventory.toString(),
                "--auto-approve", "--no-color"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("killed.log").toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (!HOST.exec("sh", "-c", "ls /var/lib/lxc/app/rootfs 2>/dev/null | wc -l").strip().matches("[1-9]\\d*")) {
            assertThat(Instant.now()).as("lxc-create started:\n%s", Files.readString(dir.resolve("killed.log"))).isBefore(deadline);
            Thread.sleep(200);
        }
        apply.destroyForcibly();   // SIGKILL: no shutdown hook, no cleanup
        assertThat(apply.waitFor(10, TimeUnit.SECONDS)).isTrue();
        // The remote lxc-create outlives the killed client (until its timeout); an operator stops it.
        HOST.exec("sh", "-c", "pkill -9 -f '[l]xc-create -n app'; pkill -9 -f '[t]emplates/lxc-debian';"
                + " pkill -9 -f '[/]var/lib/lxc/app/rootfs'; sleep 1; true");

        Cli cli = new Cli(inventory);
        Cli.Run plan = cli.run("plan");
        assertThat(plan.out()).as("the unfinished container is recognised:\n%s", plan)
                .contains("interrupted while creating the container");

        Cli.Run again = cli.run("apply", "--auto-approve");
        assertThat(again.exitCode()).as("%s", again).isZero();
        assertThat(again.err()).as("the killed run's lock was released, and said so")
                .contains("released the lock on container app on host bed left by a run that was killed");
        assertThat(HOST.exec("lxc-info", "-n", "app", "-sH").strip()).isEqualTo("RUNNING");
        cli.assertConverged();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString().replace('/', File.separatorChar);
    }
}
