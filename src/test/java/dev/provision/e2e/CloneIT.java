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
 * Rebuilding from a base on a real LXC host over SSH: the first creation prepares the base, a rebuild
 * clones it (and the plan says so), the server works and converges, and two clones of one base share
 * nothing that must be unique. The test-bed host keeps its LXC path on Docker's overlay filesystem, so
 * clones here are full copies; overlay snapshots are measured by bench/run on a real disk.
 */
@Testcontainers
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CloneIT {
    private static final String BASE = "provision-base-debian-bookworm-pg15";

    @Container
    static final LxcHost HOST = new LxcHost();

    @TempDir
    static Path dir;

    private static String server(String name) {
        return """
                  %s:
                    host: bed
                    image: { template: debian, release: bookworm }
                    resources: { memory: 512MiB, cpus: 1 }
                    postgres:
                      version: 15
                      listen_addresses: ["*"]
                      roles: { app: { login: false } }
                      databases: { app: { owner: app } }
                """.formatted(name);
    }

    private static Cli cli(String... names) {
        StringBuilder containers = new StringBuilder("containers:\n");
        for (String name : names) {
            containers.append(server(name));
        }
        return new Cli(TestBedInventory.write(dir, HOST, containers.toString()));
    }

    private static String inside(String container, String command) {
        return HOST.exec("lxc-attach", "-n", container, "--", "sh", "-c", command).strip();
    }

    private static String psql(String container, String sql) {
        return inside(container, "cd / && runuser -u postgres -- psql -XAtc \"" + sql + "\"");
    }

    @Test
    @Order(1)
    void theFirstCreationPreparesTheBaseThenClonesIt() {
        Cli.Run plan = cli("one").run("plan");
        assertThat(plan.out()).as("%s", plan).contains("+ source: \"cloned from base " + BASE + " (full copy), which this apply prepares first");

        Cli.Run apply = cli("one").run("apply", "--auto-approve");

        assertThat(apply.exitCode()).as("%s", apply).isZero();
        assertThat(HOST.exec("lxc-info", "-n", BASE, "-sH").strip()).as("the base is kept, stopped").isEqualTo("STOPPED");
        assertThat(HOST.exec("sh", "-c", "ls /var/lib/lxc/" + BASE + "/rootfs/etc/ssh/ | grep -c '^ssh_host_' || true").strip())
                .as("the base holds no SSH host key").isEqualTo("0");
        assertThat(HOST.exec("sh", "-c", "ls /var/lib/lxc/" + BASE + "/rootfs/etc/postgresql/15 2>/dev/null | wc -l").strip())
                .as("the base holds no PostgreSQL cluster").isEqualTo("0");
        assertThat(psql("one", "select datname from pg_database where datname = 'app'")).isEqualTo("app");
        cli("one").assertConverged();
    }

    @Test
    @Order(2)
    void aRebuildIsAClone() {
        Cli.Run destroy = cli("one").run("destroy", "--auto-approve");
        assertThat(destroy.exitCode()).as("%s", destroy).isZero();
        assertThat(destroy.out()).as("the base is not declared: destroy leaves it").doesNotContain(BASE);
        assertThat(HOST.exec("lxc-ls", "-1")).contains(BASE).doesNotContain("one\n");

        Cli.Run plan = cli("one").run("plan");
        assertThat(plan.out()).as("%s", plan)
                .contains("cloned from base " + BASE, "+ source: \"cloned from base " + BASE + " (full copy, base prepared ")
                .doesNotContain("lxc-create");

        Cli.Run apply = cli("one").run("apply", "--auto-approve");

        assertThat(apply.exitCode()).as("%s", apply).isZero();
        assertThat(psql("one", "select datname from pg_database where datname = 'app'")).as("the server works").isEqualTo("app");
        assertThat(psql("one", "select count(*) from pg_roles where rolname in ('app', 'provision_admin')")).isEqualTo("2");
        cli("one").assertConverged();
    }

    @Test
    @Order(3)
    void twoClonesOfOneBaseShareNothingThatMustBeUnique() {
        Cli cli = cli("one", "two");
        Cli.Run apply = cli.run("apply", "--auto-approve");
        assertThat(apply.exitCode()).as("%s", apply).isZero();
        assertThat(apply.out()).contains("cloned from base " + BASE);
        cli.assertConverged();

        for (String[] check : new String[][] {
            {"machine-id", "cat /etc/machine-id"},
            {"SSH host key", "cat /etc/ssh/ssh_host_ed25519_key.pub | cut -d' ' -f2"},
            {"TLS key of the server", "sha256sum /etc/ssl/private/ssl-cert-snakeoil.key | cut -d' ' -f1"},
            {"hostname", "hostname"},
            {"MAC address", "cat /sys/class/net/eth0/address"},
            {"IPv4 address", "ip -4 -o addr show eth0 | awk '{print $4}'"},
        }) {
            String one = inside("one", check[1]);
            String two = inside("two", check[1]);
            assertThat(one).as("%s of one", check[0]).isNotBlank();
            assertThat(one).as("%s of the two clones", check[0]).isNotEqualTo(two);
        }
        String systemId = "select system_identifier from pg_control_system()";
        assertThat(psql("one", systemId)).as("PostgreSQL system identifier of the two clones").isNotEqualTo(psql("two", systemId));
        assertThat(HOST.exec("sh", "-c", "cat /var/lib/provision/secrets/one.admin-password | sha256sum"))
                .as("provision's admin secret of the two clones")
                .isNotEqualTo(HOST.exec("sh", "-c", "cat /var/lib/provision/secrets/two.admin-password | sha256sum"));
        assertThat(inside("two", "systemctl is-active ssh")).as("sshd runs on the clone's own keys").isEqualTo("active");
    }

    @Test
    @Order(4)
    void destroyRemovesTheDeclaredContainersAndNeverCountsTheBase() {
        Cli cli = cli("one", "two");
        Cli.Run destroy = cli.run("destroy", "--auto-approve");
        assertThat(destroy.exitCode()).as("%s", destroy).isZero();
        assertThat(HOST.exec("lxc-ls", "-1").strip()).isEqualTo(BASE);

        Cli.Run plan = cli.run("plan");
        assertThat(plan.out()).as("only the declared containers, created as new: no drift, nothing about the base\n%s", plan)
                .contains("+ containers.one\n", "+ containers.two\n", "to add, 0 to change, 0 to destroy.")
                .doesNotContain("(drift)", "containers." + BASE);
    }
}
