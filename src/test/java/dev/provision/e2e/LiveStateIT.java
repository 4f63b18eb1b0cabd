package dev.provision.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.testbed.LxcHost;
import java.nio.file.Path;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * What can change in a running container without touching its config (a limit set with lxc-cgroup),
 * and a static address checked against the other containers of a real LXC host and lxc-net's DHCP range.
 */
@Testcontainers
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveStateIT {

    @Container
    static final LxcHost HOST = new LxcHost();

    @TempDir
    static Path dir;

    private static final String APP = """
            containers:
              app:
                host: bed
                image: { template: debian, release: bookworm }
                resources: { memory: 256MiB, cpus: 1 }
                network: { bridge: lxcbr0, ipv4: 10.0.3.50/24, gateway: 10.0.3.1 }
            """;

    private static final String APP_AND_NEWBIE = APP + """
              newbie:
                host: bed
                image: { template: debian, release: bookworm }
                network: { bridge: lxcbr0, ipv4: 10.0.3.60/24, gateway: 10.0.3.1 }
            """;

    private static Cli cli(String containers) {
        return new Cli(TestBedInventory.write(dir, HOST, containers));
    }

    /** The cgroup file that holds the memory limit on this host's cgroup version. */
    private static String memoryFile() {
        return HOST.exec("sh", "-c", "test -f /sys/fs/cgroup/cgroup.controllers && echo memory.max || echo memory.limit_in_bytes")
                .strip();
    }

    @Test
    @Order(1)
    void aContainerWithLimitsAndAStaticAddressIsApplied() {
        Cli.Run apply = cli(APP).run("apply", "--auto-approve");

        assertThat(apply.exitCode()).as("apply:\n%s", apply).isZero();
        assertThat(HOST.exec("lxc-cgroup", "-n", "app", memoryFile()).strip()).as("256 MiB in force")
                .isEqualTo(String.valueOf(256L * 1024 * 1024));
        cli(APP).assertConverged();
    }

    @Test
    @Order(2)
    void aMemoryLimitChangedWithLxcCgroupPlansAsDriftAndApplySetsItBack() {
        String file = memoryFile();
        HOST.exec("lxc-cgroup", "-n", "app", file, String.valueOf(128L * 1024 * 1024));

        Cli.Run plan = cli(APP).run("plan", "--detailed-exitcode");

        assertThat(plan.exitCode()).as("128 MiB in force, 256 MiB declared, config untouched: a change\n%s", plan).isEqualTo(2);
        assertThat(plan.out()).contains("# containers.app will be updated in-place (drift)",
                "(in force): \"134217728\" -> \"268435456\"", "without a restart");

        Cli.Run apply = cli(APP).run("apply", "--auto-approve");

        assertThat(apply.exitCode()).as("apply:\n%s", apply).isZero();
        assertThat(HOST.exec("lxc-cgroup", "-n", "app", file).strip()).as("the declared limit is in force again")
                .isEqualTo(String.valueOf(256L * 1024 * 1024));
        assertThat(HOST.exec("lxc-info", "-n", "app", "-sH").strip()).as("set live: the container kept running")
                .isEqualTo("RUNNING");
        cli(APP).assertConverged();
    }

    @Test
    @Order(3)
    void limitsAreReadFromTheCgroupLxcChoseWhenAnEarlierOneWasLeftBehind() {
        // A container killed with its monitor, or a host restored from a snapshot, leaves its payload
        // cgroups behind; LXC then starts the container in lxc.payload.app-1. Found on a real machine:
        // the plan read the limits of the cgroup inside it, and apply could never converge.
        HOST.exec("sh", "-c", """
                pid=$(lxc-info -n app -pH); lines=$(cat /proc/$pid/cgroup); lxc-stop -n app
                printf '%s\n' "$lines" | while IFS=: read -r _ c p; do
                  case "$c" in "") base=/sys/fs/cgroup ;; name=*) base=/sys/fs/cgroup/${c#name=} ;; *) base=/sys/fs/cgroup/$c ;; esac
                  mkdir -p "$base${p%%/lxc.payload.app*}/lxc.payload.app" || true
                done
                lxc-start -n app""");
        String cgroups = HOST.exec("sh", "-c", "cat /proc/$(lxc-info -n app -pH)/cgroup");
        assertThat(cgroups).as("LXC chose another payload cgroup").contains("/lxc.payload.app-1");
        assertThat(HOST.exec("lxc-cgroup", "-n", "app", memoryFile()).strip()).as("256 MiB in force")
                .isEqualTo(String.valueOf(256L * 1024 * 1024));
        cli(APP).assertConverged();

        HOST.exec("lxc-cgroup", "-n", "app", memoryFile(), String.valueOf(128L * 1024 * 1024));
        Cli.Run plan = cli(APP).run("plan", "--detailed-exitcode");

        assertThat(plan.exitCode()).as("128 MiB in force in lxc.payload.app-1: a change\n%s", plan).isEqualTo(2);
        assertThat(plan.out()).contains("(in force): \"134217728\" -> \"268435456\"");
        assertThat(cli(APP).run("apply", "--auto-approve").exitCode()).isZero();
        cli(APP).assertConverged();
    }

    @Test
    @Order(4)
    void anAddressAnotherContainerOnTheHostHasIsAnErrorAtPlan() {
        HOST.exec("lxc-stop", "-n", "app");
        HOST.exec("lxc-copy", "-n", "app", "-N", "squatter");
        HOST.exec("sed", "-i", "s|^lxc.net.0.ipv4.address = .*|lxc.net.0.ipv4.address = 10.0.3.60/24|", "/var/lib/lxc/squatter/config");
        HOST.exec("lxc-start", "-n", "app");

        Cli.Run plan = cli(APP_AND_NEWBIE).run("plan");

        assertThat(plan.exitCode()).as("a container the inventory does not declare holds 10.0.3.60\n%s", plan).isEqualTo(1);
        assertThat(plan.err()).contains("containers.newbie: its static address 10.0.3.60/24 is taken: container squatter on host bed");
    }

    @Test
    @Order(5)
    void aFreeAddressInsideLxcNetsDhcpRangeIsAWarningThatNamesTheRange() {
        HOST.exec("lxc-destroy", "-n", "squatter");

        Cli.Run plan = cli(APP_AND_NEWBIE).run("plan", "--target", "containers.newbie");

        assertThat(plan.exitCode()).as("%s", plan).isZero();
        assertThat(plan.out()).contains("+ containers.newbie",
                "warning: 10.0.3.60 is inside lxc-net's DHCP range 10.0.3.2-10.0.3.254 on lxcbr0");
    }
}
