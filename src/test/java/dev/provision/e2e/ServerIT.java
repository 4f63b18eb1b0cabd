package dev.provision.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.testbed.LxcHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The PostgreSQL server in a container on a real LXC host over SSH: install and configure, reload
 * versus restart, a bad value caught before it takes the server down, and drift of every kind.
 */
@Testcontainers
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerIT {

    @Container
    static final LxcHost HOST = new LxcHost();

    @TempDir
    static Path dir;

    private static String containers(String workMem, String sharedBuffers) {
        return """
                containers:
                  db:
                    host: bed
                    image: { template: debian, release: bookworm }
                    resources: { memory: 1GiB, cpus: 1 }
                    postgres:
                      version: 15
                      listen_addresses: ["*"]
                      settings: { work_mem: %s, shared_buffers: %s }
                      hba:
                        - { type: host, database: all, user: all, address: 10.0.3.0/24, method: scram-sha-256 }
                """.formatted(workMem, sharedBuffers);
    }

    private static Cli cli(String workMem, String sharedBuffers) {
        return new Cli(TestBedInventory.write(dir, HOST, containers(workMem, sharedBuffers)));
    }

    private static String psql(String sql) {
        return HOST.exec("lxc-attach", "-n", "db", "--", "runuser", "-u", "postgres", "--", "psql", "-XAtc", sql).strip();
    }

    private static String postmasterPid() {
        return HOST.exec("lxc-attach", "-n", "db", "--", "head", "-n", "1", "/var/lib/postgresql/15/main/postmaster.pid").strip();
    }

    @Test
    @Order(1)
    void applyInstallsAndConfiguresTheServerFromAFreshContainer() {
        Cli cli = cli("16MB", "128MB");

        Cli.Run apply = cli.run("apply", "--auto-approve");

        assertThat(apply.exitCode()).as("%s", apply).isZero();
        assertThat(psql("show work_mem")).isEqualTo("16MB");
        assertThat(psql("show listen_addresses")).isEqualTo("*");
        assertThat(psql("select count(*) from pg_settings where pending_restart")).isEqualTo("0");
        assertThat(Files.exists(dir.resolve("inventory.yaml"))).isTrue();
        cli.assertConverged();
    }

    @Test
    @Order(2)
    void aReloadOnlyParameterIsReloadedWithoutRestartingTheServer() {
        String pid = postmasterPid();
        Cli cli = cli("48MB", "128MB");

        Cli.Run plan = cli.run("plan");
        assertThat(plan.out()).contains("work_mem: \"16MB\" -> \"48MB\"", "reload is enough");
        assertThat(plan.out()).as("an inventory edit of the files provision wrote is not drift")
                .contains("# containers.db.postgres.config will be updated in-place\n");
        assertThat(cli.run("apply", "--auto-approve").exitCode()).isZero();

        assertThat(psql("show work_mem")).as("the new value is live").isEqualTo("48MB");
        assertThat(postmasterPid()).as("the postmaster was not restarted").isEqualTo(pid);
        cli.assertConverged();
    }

    @Test
    @Order(3)
    void changingSharedBuffersRestartsTheServer() {
        String pid = postmasterPid();
        Cli cli = cli("48MB", "192MB");

        Cli.Run plan = cli.run("plan");
        assertThat(plan.out()).contains("restart needed: shared_buffers (context postmaster)");
        assertThat(cli.run("apply", "--auto-approve").exitCode()).isZero();

        assertThat(psql("show shared_buffers")).isEqualTo("192MB");
        assertThat(postmasterPid()).as("a new postmaster").isNotEqualTo(pid);
        assertThat(psql("select count(*) from pg_settings where pending_restart")).isEqualTo("0");
    }

    @Test
    @Order(4)
    void aBadValueIsCaughtBeforeTheRestartAndTheServerKeepsTheOldOne() throws IOException {
        String pid = postmasterPid();
        Path templates = Files.createDirectories(dir.resolve("templates"));
        String shipped = Files.readString(Path.of("templates/postgresql.conf.j2"));
        Files.writeString(templates.resolve("postgresql.conf.j2"), shipped + "\nshared_buffers = '256MBB'\n");
        Cli cli = cli("48MB", "192MB");
        try {
            Cli.Run apply = cli.run("apply", "--auto-approve");

            assertThat(apply.exitCode()).isEqualTo(1);
            assertThat(apply.err()).contains("the new configuration was rejected by PostgreSQL", "256MBB",
                    "the previous files were put back");
            assertThat(postmasterPid()).as("the server was neither stopped nor restarted").isEqualTo(pid);
            assertThat(psql("show shared_buffers")).isEqualTo("192MB");
            assertThat(HOST.exec("lxc-attach", "-n", "db", "--", "cat", "/etc/postgresql/15/main/postgresql.conf"))
                    .as("the bad file is not left in place").doesNotContain("256MBB");
        } finally {
            Files.delete(templates.resolve("postgresql.conf.j2"));
        }
        cli.assertConverged();
    }

    @Test
    @Order(5)
    void handEditsAlterSystemAndAStoppedServerAreDriftThatApplyRepairs() {
        Cli cli = cli("48MB", "192MB");
        HOST.exec("lxc-attach", "-n", "db", "--", "sh", "-c",
                "echo \"work_mem = '1MB'\" >> /etc/postgresql/15/main/postgresql.conf"
                        + " && echo 'host all all 0.0.0.0/0 trust' >> /etc/postgresql/15/main/pg_hba.conf");
        psql("ALTER SYSTEM SET random_page_cost = 3");

        Cli.Run plan = cli.run("plan", "--detailed-exitcode");
        assertThat(plan.exitCode()).isEqualTo(2);
        assertThat(plan.out()).contains("containers.db.postgres.config will be updated in-place (drift)",
                "work_mem: \"1MB\" -> \"48MB\"", "pg_hba.conf",
                "containers.db.postgres.alter_system will be updated in-place (drift)", "random_page_cost");
        assertThat(cli.run("apply", "--auto-approve").exitCode()).isZero();
        assertThat(psql("show random_page_cost")).isEqualTo("4");
        assertThat(HOST.exec("lxc-attach", "-n", "db", "--", "cat", "/etc/postgresql/15/main/pg_hba.conf")).doesNotContain("trust");
        cli.assertConverged();

        HOST.exec("lxc-attach", "-n", "db", "--", "pg_ctlcluster", "15", "main", "stop");
        Cli.Run stopped = cli.run("plan");
        assertThat(stopped.out()).contains("containers.db.postgres.service will be updated in-place (drift)", "stopped");
        assertThat(cli.run("apply", "--auto-approve").exitCode()).isZero();
        assertThat(psql("select 1")).isEqualTo("1");
        cli.assertConverged();
    }

    @Test
    @Order(6)
    void provisionWorksWithNoAdminPasswordInTheInventory() throws IOException {
        String inventory = Files.readString(dir.resolve("inventory.yaml"));
        assertThat(inventory).doesNotContainIgnoringCase("password");
        String secret = HOST.exec("cat", "/var/lib/provision/secrets/db.admin-password").strip();
        assertThat(HOST.exec("stat", "-c", "%a", "/var/lib/provision/secrets/db.admin-password").strip()).isEqualTo("600");
        Cli.Run plan = cli("48MB", "192MB").run("plan", "--show-commands");
        assertThat(plan.out() + plan.err()).doesNotContain(secret);
        assertThat(psql("select rolsuper from pg_roles where rolname = 'provision_admin'")).isEqualTo("t");
        assertThat(HOST.exec("lxc-attach", "-n", "db", "--", "cat", "/etc/postgresql/15/main/pg_hba.conf"))
                .as("the admin role is only allowed from the host's end of the tunnel")
                .contains("provision_admin  10.0.3.1/32  scram-sha-256");
    }
}
