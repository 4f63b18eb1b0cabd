package dev.provision.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.testbed.LxcHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Secrets at the edges, on a real LXC host with real PostgreSQL servers: no verifier or password
 * reaches a file on the host outside the secret files and the servers' own data, not even from a run
 * killed with SIGKILL in the middle of reading; setting a password reaches no server log although
 * provision's own admin role was told to log every statement, and that setting is drift that apply
 * removes; destroy takes a container's admin secret with it.
 */
@Testcontainers
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretsIT {

    @Container
    static final LxcHost HOST = new LxcHost();

    @TempDir
    static Path dir;

    private static final String CONTAINERS = """
            containers:
              vault:
                host: bed
                image: { template: debian, release: bookworm }
                resources: { memory: 512MiB }
                postgres:
                  version: 15
                  listen_addresses: ["*"]
                  roles:
                    app_rw:
                      login: true
                      password: { file: %s }
              stalled:
                host: bed
                image: { template: debian, release: bookworm }
                resources: { memory: 512MiB }
                postgres:
                  version: 15
                  listen_addresses: ["*"]
            """;

    private static Path inventory() throws Exception {
        Path secret = dir.resolve("app_rw.secret");
        if (!Files.exists(secret)) {
            Files.writeString(secret, "first-App-Secret-1\n");
        }
        return TestBedInventory.write(dir, HOST, CONTAINERS.formatted(secret));
    }

    private static void newAppPassword(String password) throws Exception {
        Files.writeString(dir.resolve("app_rw.secret"), password + "\n");
    }

    private static String psql(String container, String sql) {
        return HOST.exec("lxc-attach", "-n", container, "--", "runuser", "-u", "postgres", "--", "psql", "-XAtc", sql).strip();
    }

    /** The StoredKey of a role's verifier: what an offline attack needs, and found in no file but the server's data. */
    private static String storedKey(String container, String role) {
        String verifier = psql(container, "SELECT rolpassword FROM pg_authid WHERE rolname = '" + role + "'");
        assertThat(verifier).as("%s has a SCRAM verifier", role).startsWith("SCRAM-SHA-256$");
        return verifier.split("[$:]")[3];
    }

    private static String adminSecret(String container) {
        return HOST.exec("cat", "/var/lib/provision/secrets/" + container + ".admin-password").strip();
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what).isBefore(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    @Order(1)
    void applyConverges() throws Exception {
        Cli cli = new Cli(inventory());
        Cli.Run apply = cli.run("apply", "--auto-approve");
        assertThat(apply.exitCode()).as("%s", apply).isZero();
        cli.assertConverged();
    }

    @Test
    @Order(2)
    void aPasswordSetWhileTheAdminRoleLogsEverythingReachesNoLogAndTheSettingIsRemovedAsDrift() throws Exception {
        Cli cli = new Cli(inventory());
        psql("vault", "ALTER ROLE provision_admin SET log_statement = 'all'");
        psql("vault", "ALTER ROLE provision_admin IN DATABASE postgres SET log_min_duration_statement = 0");
        // a server that declares no role and no database is checked too
        psql("stalled", "ALTER ROLE provision_admin SET log_statement = 'all'");
        String password = "second-App-Secret-2";
        newAppPassword(password);

        Cli.Run plan = cli.run("plan", "--detailed-exitcode");

        assertThat(plan.exitCode()).as("%s", plan).isEqualTo(2);
        assertThat(plan.out()).as("the admin role's settings are drift, shown with the password change:\n%s", plan)
                .contains("containers.vault.postgres.roles.provision_admin")
                .contains("setting log_statement").contains("setting log_min_duration_statement in database postgres")
                .contains("containers.vault.postgres.roles.app_rw")
                .contains("containers.stalled.postgres.roles.provision_admin");
        assertThat(plan.out()).as("the secret's new value is an edit of the desired state, not drift:\n%s", plan)
                .contains("# containers.vault.postgres.roles.app_rw will be updated in-place\n");

        Cli.Run apply = cli.run("apply", "--auto-approve");

        assertThat(apply.exitCode()).as("%s", apply).isZero();
        assertThat(psql("vault", "SELECT count(*) FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole"
                + " WHERE r.rolname = 'provision_admin'")).as("apply removed the admin role's settings").isEqualTo("0");
        assertThat(psql("stalled", "SELECT count(*) FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole"
                + " WHERE r.rolname = 'provision_admin'")).as("... on the server without roles or databases too").isEqualTo("0");
        cli.assertConverged();
        String log = HOST.exec("lxc-attach", "-n", "vault", "--", "cat", "/var/log/postgresql/postgresql-15-main.log");
        assertThat(log).as("the admin sessions logged their statements (the setting was in force)")
                .contains("provision_admin@postgres").contains("RESET ALL");
        assertThat(log).as("neither the password nor a verifier reached the server log")
                .doesNotContain(password).doesNotContain("SCRAM-SHA-256$").doesNotContain(storedKey("vault", "app_rw"));
    }

    @Test
    @Order(3)
    void anApplyKilledWhileReadingLeavesNoVerifierInAnyFileOnTheHost() throws Exception {
        Path inventory = inventory();
        newAppPassword("third-App-Secret-3");
        // stalled's server accepts no connection: its probe waits, and with it the host's batch of probes,
        // after vault's probe has read the verifiers
        String postmaster = "kill -STOP $(head -1 /var/lib/postgresql/15/main/postmaster.pid)";
        HOST.exec("lxc-attach", "-n", "stalled", "--", "sh", "-c", postmaster);
        Path log = dir.resolve("killed.log");
        Process apply = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Jar.JAR.toString(), "apply", "-i", inventory.toString(), "--auto-approve", "--no-color"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await("the host's probes run", Duration.ofSeconds(60), () -> !HOST.execResult("pgrep", "-f", "provision-probes").isEmpty());
            Thread.sleep(3000); // vault's probe is done by now; stalled's hangs
            assertThat(HOST.execResult("pgrep", "-f", "lxc-attach -n stalled")).as("stalled's probe is still waiting").isNotEmpty();
            assertThat(apply.isAlive()).as("apply is still reading:\n%s", Files.readString(log)).isTrue();
            apply.destroyForcibly(); // SIGKILL
            assertThat(apply.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            apply.destroyForcibly();
            HOST.exec("lxc-attach", "-n", "stalled", "--", "sh", "-c", postmaster.replace("-STOP", "-CONT"));
        }
        await("the orphaned probes end", Duration.ofSeconds(60), () -> HOST.execResult("pgrep", "-f", "provision-probes").isEmpty());

        List<String> secrets = List.of(storedKey("vault", "app_rw"), storedKey("vault", "provision_admin"),
                storedKey("stalled", "provision_admin"), adminSecret("vault"), adminSecret("stalled"));
        List<String> grep = new java.util.ArrayList<>(List.of("grep", "-rlsF", "--exclude-dir=proc", "--exclude-dir=sys",
                "--exclude-dir=dev"));
        secrets.forEach(s -> grep.addAll(List.of("-e", s)));
        grep.addAll(List.of("/", "/dev/shm"));
        List<String> files = HOST.execResult(grep.toArray(String[]::new)).lines()
                .filter(f -> !f.startsWith("/var/lib/provision/secrets/"))
                .filter(f -> !f.contains("/var/lib/postgresql/15/main/")) // the servers' own catalogs and WAL
                .toList();
        assertThat(files).as("no file on the host outside the secret files and the servers' data holds a verifier or an admin password")
                .isEmpty();
        assertThat(HOST.execResult("sh", "-c", "ls -d /tmp/provision-* /var/tmp/provision-* 2>/dev/null")).as("no probe folder is left").isEmpty();

        Cli cli = new Cli(inventory);
        Cli.Run again = cli.run("apply", "--auto-approve");
        assertThat(again.exitCode()).as("the next apply converges after the kill:\n%s", again).isZero();
        cli.assertConverged();
    }

    @Test
    @Order(4)
    void destroyRemovesTheAdminSecretAndARebuiltContainerGetsANewOne() throws Exception {
        Cli cli = new Cli(inventory());
        String before = adminSecret("stalled");

        Cli.Run destroy = cli.run("destroy", "--auto-approve", "--target", "containers.stalled");

        assertThat(destroy.exitCode()).as("%s", destroy).isZero();
        assertThat(HOST.execResult("sh", "-c", "test -e /var/lib/provision/secrets/stalled.admin-password && echo present"))
                .as("destroy removed the container's admin secret").isEmpty();
        assertThat(adminSecret("vault")).as("the other container's secret stays").isNotEmpty();

        Cli.Run apply = cli.run("apply", "--auto-approve");

        assertThat(apply.exitCode()).as("%s", apply).isZero();
        assertThat(adminSecret("stalled")).as("the rebuilt container has a new admin secret").isNotEmpty().isNotEqualTo(before);
        cli.assertConverged();
    }
}
