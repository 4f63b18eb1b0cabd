package dev.provision.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.testbed.LxcHost;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Containers on a real LXC host over real SSH: cold apply, limits in force, drift shown and repaired,
 * the host lock, protection and destroy. The tests run in order on one host, as a user's session would.
 */
@Testcontainers
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerLifecycleIT {

    @Container
    static final LxcHost HOST = new LxcHost();

    @TempDir
    static Path dir;

    private static final String CONTAINERS = """
            containers:
              app:
                host: bed
                image: { template: debian, release: bookworm }
                resources: { memory: 256MiB, cpus: 1 }
                network: { bridge: lxcbr0, ipv4: 10.0.3.50/24, gateway: 10.0.3.1 }
                hostname: app-one
            """;

    private static Cli cli() {
        return new Cli(TestBedInventory.write(dir, HOST, CONTAINERS));
    }

    private static void assertConverged() {
        assertThat(cli().assertConverged().out()).contains("No changes.");
    }

    @Test
    @Order(1)
    void coldApplyCreatesConfiguresAndStartsTheContainerAndReportsItsAddress() {
        Cli.Run plan = cli().run("plan", "--detailed-exitcode");
        assertThat(plan.exitCode()).as("a plan with changes exits 2:\n%s", plan).isEqualTo(2);
        assertThat(plan.out()).contains("+ containers.app", "Plan: 1 to add, 0 to change, 0 to destroy.");

        Cli.Run apply = cli().run("apply", "--auto-approve");

        assertThat(apply.exitCode()).as("apply:\n%s", apply).isZero();
        assertThat(apply.out()).as("apply reports the address").contains("containers.app: running, IPv4 address: 10.0.3.50");
        assertThat(HOST.exec("lxc-info", "-n", "app", "-sH").strip()).isEqualTo("RUNNING");
        assertConverged();
    }

    @Test
    @Order(2)
    void declaredLimitsAndStaticAddressAreInForceInsideTheContainer() {
        assertThat(HOST.exec("lxc-attach", "-n", "app", "--", "cat", "/sys/fs/cgroup/memory/memory.limit_in_bytes").strip())
                .as("the memory limit seen from inside").isEqualTo(String.valueOf(256L * 1024 * 1024));
        assertThat(HOST.exec("lxc-attach", "-n", "app", "--", "ip", "-4", "-o", "addr", "show", "eth0"))
                .as("the static address, and no DHCP lease beside it").contains("10.0.3.50/24").doesNotContain("dynamic");
        assertThat(HOST.exec("lxc-attach", "-n", "app", "--", "hostname").strip()).isEqualTo("app-one");
        assertThat(HOST.exec("lxc-cgroup", "-n", "app", "cpu.cfs_quota_us").strip()).isEqualTo("100000");
    }

    @Test
    @Order(3)
    void aContainerStoppedByHandIsDriftAndApplyStartsIt() {
        HOST.exec("lxc-stop", "-n", "app");

        Cli.Run plan = cli().run("plan", "--detailed-exitcode");
        assertThat(plan.exitCode()).as("%s", plan).isEqualTo(2);
        assertThat(plan.out()).contains("# containers.app will be updated in-place (drift)", "it will be started");

        assertThat(cli().run("apply", "--auto-approve").exitCode()).isZero();
        assertThat(HOST.exec("lxc-info", "-n", "app", "-sH").strip()).isEqualTo("RUNNING");
        assertConverged();
    }

    @Test
    @Order(4)
    void aConfigurationLineEditedByHandIsDriftAndApplyRestoresIt() {
        HOST.exec("sed", "-i", "s/^lxc.cgroup.memory.limit_in_bytes = .*/lxc.cgroup.memory.limit_in_bytes = 134217728/",
                "/var/lib/lxc/app/config");

        Cli.Run plan = cli().run("plan", "--detailed-exitcode");
        assertThat(plan.exitCode()).isEqualTo(2);
        assertThat(plan.out()).contains("(drift)", "lxc.cgroup.memory.limit_in_bytes: \"134217728\" -> \"268435456\"",
                "restarted");

        assertThat(cli().run("apply", "--auto-approve").exitCode()).isZero();
        assertThat(HOST.exec("lxc-cgroup", "-n", "app", "memory.limit_in_bytes").strip()).isEqualTo("268435456");
        assertConverged();
    }

    @Test
    @Order(5)
    void aContainerDestroyedByHandIsDriftAndApplyCreatesItAgain() {
        HOST.exec("lxc-destroy", "-f", "-n", "app");

        Cli.Run plan = cli().run("plan");
        assertThat(plan.out()).contains("# containers.app will be created (drift)", "destroyed outside provision");

        assertThat(cli().run("apply", "--auto-approve").exitCode()).isZero();
        assertConverged();
    }

    @Test
    @Order(6)
    void aSecondApplyWhileTheContainerIsLockedFailsAndNamesTheHolder() {
        HOST.exec("lxc-stop", "-n", "app");
        HOST.exec("sh", "-c", "mkdir -p /var/lib/provision/locks/container.app"
                + " && echo 'provision pid 4242 on elsewhere since 2026-11-27T10:00:00Z' > /var/lib/provision/locks/container.app/owner");

        Cli.Run blocked = cli().run("apply", "--auto-approve");
        assertThat(blocked.exitCode()).isEqualTo(1);
        assertThat(blocked.err()).as("the holder and the exact command, -i included:\n%s", blocked)
                .contains("container app on host bed is locked by another run (provision pid 4242 on elsewhere",
                        "provision force-unlock -i " + dir.resolve("inventory.yaml") + " containers.app");
        assertThat(HOST.exec("lxc-info", "-n", "app", "-sH").strip()).as("nothing was touched").isEqualTo("STOPPED");

        Cli.Run unlock = cli().run("force-unlock", "containers.app");
        assertThat(unlock.out()).contains("Released the lock on container app on host bed held by: provision pid 4242 on elsewhere");
        assertThat(cli().run("apply", "--auto-approve").exitCode()).isZero();
    }

    @Test
    @Order(7)
    void twoConcurrentAppliesNeverInterleave() throws Exception {
        HOST.exec("lxc-stop", "-n", "app");

        Cli cli = cli(); // written once: two writers of the same file race, and a reader may see it empty
        CompletableFuture<Cli.Run> first = CompletableFuture.supplyAsync(() -> cli.run("apply", "--auto-approve"));
        CompletableFuture<Cli.Run> second = CompletableFuture.supplyAsync(() -> cli.run("apply", "--auto-approve"));
        Cli.Run a = first.get();
        Cli.Run b = second.get();

        for (Cli.Run run : new Cli.Run[] {a, b}) {
            assertThat(run.exitCode() == 0 || run.err().contains("is locked by another run"))
                    .as("each apply either succeeds alone or is refused by the lock:\n%s", run).isTrue();
        }
        assertThat(a.exitCode() == 0 || b.exitCode() == 0).as("one of them applied").isTrue();
        assertThat(HOST.exec("sh", "-c", "ls /var/lib/provision/locks 2>/dev/null || true")).as("no lock left").isBlank();
        assertConverged();
    }

    @Test
    @Order(8)
    void aProtectedContainerIsNotDestroyed() {
        Cli protectedCli = new Cli(TestBedInventory.write(dir, HOST, CONTAINERS + "    protected: true\n"));

        Cli.Run destroy = protectedCli.run("destroy", "--auto-approve");

        assertThat(destroy.exitCode()).isEqualTo(1);
        assertThat(destroy.err()).contains("containers.app is protected: destroy refused");
        assertThat(HOST.exec("lxc-ls").strip()).isEqualTo("app");
    }

    @Test
    @Order(9)
    void destroyLeavesNoContainerAndNoConfigurationBehind() {
        Cli.Run destroy = cli().run("destroy", "--auto-approve");

        assertThat(destroy.exitCode()).as("%s", destroy).isZero();
        assertThat(HOST.exec("lxc-ls").strip()).isEmpty();
        assertThat(HOST.exec("sh", "-c", "ls -A /var/lib/lxc; ls -A /var/lib/provision/lxc").strip()).isEmpty();
        Cli.Run again = cli().run("destroy", "--auto-approve");
        assertThat(again.out()).contains("No changes.");
    }
}
