package dev.provision.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.testbed.LxcHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * A container with PostgreSQL and a database, interrupted behind provision's back: stopped by hand or
 * in the middle of an apply (nothing inside it can be read until it runs again, so the plan starts it
 * and reads its server afterwards), its server stopped, or its database held by another run. Each
 * time the next apply converges with the data intact.
 */
@Testcontainers
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InterruptionsIT {

    @Container
    static final LxcHost HOST = new LxcHost();

    @TempDir
    static Path dir;

    private static final String CONTAINERS = """
            containers:
              shop:
                host: bed
                image: { template: debian, release: bookworm }
                resources: { memory: 1GiB }
                postgres:
                  version: 15
                  roles:
                    shop_owner: { login: false }
                  databases:
                    shop:
                      owner: shop_owner
                      sql: [schema/shop.sql]
            """;

    private static Path inventory() throws Exception {
        Files.createDirectories(dir.resolve("schema"));
        Files.writeString(dir.resolve("schema/shop.sql"),
                "CREATE TABLE public.orders (id bigint PRIMARY KEY, item text NOT NULL);\n");
        return TestBedInventory.write(dir, HOST, CONTAINERS);
    }

    private static String psql(String sql) {
        return HOST.exec("lxc-attach", "-n", "shop", "--", "runuser", "-u", "postgres", "--",
                "psql", "-d", "shop", "-XAtc", sql).strip();
    }

    @Test
    @Order(1)
    void aContainerStoppedDuringApplyIsStartedAndFinishedByTheNextApply() throws Exception {
        Path inventory = inventory();
        Path log = dir.resolve("interrupted.log");
        Process apply = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Jar.JAR.toString(), "apply", "-i", inventory.toString(), "--auto-approve", "--no-color"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            // Stop the container (as an operator or a host reboot would) while PostgreSQL is being installed in it.
            Instant deadline = Instant.now().plus(Duration.ofMinutes(10)); // the first creation may build a base
            while (!Files.readString(log).contains("containers.shop.postgres: create...")) {
                assertThat(apply.isAlive()).as("apply still running:\n%s", Files.readString(log)).isTrue();
                assertThat(Instant.now()).as("the server's installation started:\n%s", Files.readString(log)).isBefore(deadline);
                Thread.sleep(100);
            }
            HOST.exec("lxc-stop", "-n", "shop", "-k");
            assertThat(apply.waitFor(3, TimeUnit.MINUTES)).as("apply ends after its container stops").isTrue();
        } finally {
            apply.destroyForcibly();
        }
        String interrupted = Files.readString(log);
        assertThat(apply.exitValue()).as(interrupted).isEqualTo(1);
        assertThat(interrupted).as("the failure names the change and says how to recover")
                .contains("containers.shop.postgres").contains("run apply again").doesNotContain("\tat ");

        Cli cli = new Cli(inventory);
        Cli.Run plan = cli.run("plan", "--detailed-exitcode");
        assertThat(plan.exitCode()).as("%s", plan).isEqualTo(2);
        assertThat(plan.out()).as("the stopped container is started first:\n%s", plan)
                .contains("~ containers.shop").contains("the container is stopped");

        Cli.Run again = cli.run("apply", "--auto-approve");
        assertThat(again.exitCode()).as("%s", again).isZero();
        assertThat(psql("SELECT count(*) FROM public.orders")).isEqualTo("0");
        cli.assertConverged();
    }

    @Test
    @Order(2)
    void aContainerStoppedByHandIsStartedThenItsServerIsReadAndTheDataIsKept() throws Exception {
        Cli cli = new Cli(inventory());
        assertThat(cli.run("apply", "--auto-approve").exitCode()).isZero();
        psql("INSERT INTO public.orders VALUES (1, 'tea'), (2, 'cake')");
        HOST.exec("lxc-stop", "-n", "shop");

        Cli.Run plan = cli.run("plan", "--detailed-exitcode");

        assertThat(plan.exitCode()).as("%s", plan).isEqualTo(2);
        assertThat(plan.out()).as("%s", plan)
                .contains("~ containers.shop")
                .contains("<= containers.shop.postgres")
                .contains("the container is not running")
                .contains("Plan: 0 to add, 1 to change, 0 to destroy, 1 to plan once those are applied.")
                .doesNotContain("CREATE ROLE").doesNotContain("will be created");

        Cli.Run apply = cli.run("apply", "--auto-approve");

        assertThat(apply.exitCode()).as("%s", apply).isZero();
        assertThat(apply.out()).contains("Apply complete! 1 change applied");
        assertThat(psql("SELECT string_agg(item, ',' ORDER BY id) FROM public.orders")).isEqualTo("tea,cake");
        cli.assertConverged();
    }

    @Test
    @Order(3)
    void aServerStoppedByHandIsStartedAndItsDatabasesAreReadAfterwards() throws Exception {
        Cli cli = new Cli(inventory());
        HOST.exec("lxc-attach", "-n", "shop", "--", "pg_ctlcluster", "15", "main", "stop");
        // While the server is down its roles and databases cannot be read: they are planned once it is started.
        Cli.Run plan = cli.run("plan", "--detailed-exitcode");
        assertThat(plan.exitCode()).as("%s", plan).isEqualTo(2);
        assertThat(plan.out()).as("%s", plan).contains("<= containers.shop.postgres.databases");

        Cli.Run apply = cli.run("apply", "--auto-approve");

        assertThat(apply.exitCode()).as("%s", apply).isZero();
        assertThat(psql("SELECT string_agg(item, ',' ORDER BY id) FROM public.orders")).isEqualTo("tea,cake");
        cli.assertConverged();
    }

    @Test
    @Order(4)
    void aDatabaseHeldByAnotherRunIsLeftUnchangedUntilItIsFree() throws Exception {
        Cli cli = new Cli(inventory());
        cli.assertConverged();
        // Another run holds the database (one whose host lock was removed by hand, say) while its table is dropped.
        HOST.exec("sh", "-c", "lxc-attach -n shop -- runuser -u postgres -- psql -d shop -XAtc"
                + " 'SELECT pg_advisory_lock(1886547830, 1), pg_sleep(120)' >/dev/null 2>&1 &");
        String held = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 1886547830 AND objid = 1 AND granted";
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!psql(held).equals("1")) {
            assertThat(Instant.now()).as("the other session took the lock").isBefore(deadline);
            Thread.sleep(200);
        }
        psql("DROP TABLE public.orders");

        Cli.Run refused = cli.run("apply", "--auto-approve");

        assertThat(refused.exitCode()).as("%s", refused).isEqualTo(1);
        assertThat(refused.err()).as("%s", refused)
                .contains("containers.shop.postgres.databases.shop.objects: another session is changing this database")
                .contains("application 'psql'")
                .contains("nothing was changed in it");
        assertThat(psql("SELECT to_regclass('public.orders') IS NULL")).as("nothing was changed").isEqualTo("t");

        psql("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND classid = 1886547830 AND objid = 1");
        Cli.Run apply = cli.run("apply", "--auto-approve");
        assertThat(apply.exitCode()).as("%s", apply).isZero();
        assertThat(psql("SELECT to_regclass('public.orders') IS NOT NULL")).isEqualTo("t");
        cli.assertConverged();
    }
}
