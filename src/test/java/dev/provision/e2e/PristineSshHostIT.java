package dev.provision.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.testbed.SshAgentProcess;
import dev.provision.testbed.SshHost;
import dev.provision.testbed.UserKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The README's main job on a user's server over SSH, from nothing: a pristine Debian 12 host with
 * only sshd, sudo and a non-root user with sudo, reached with a passphrase-protected ed25519 key that
 * a real ssh-agent holds. {@code prepare: true} installs LXC and brings up its bridge through sudo;
 * the event store converges and takes events as its application role.
 */
@Testcontainers
class PristineSshHostIT {

    private static final String PASSPHRASE = "a passphrase only the agent knows";

    @Container
    static final SshHost HOST = new SshHost().withNestedLxc();

    @TempDir
    Path dir;

    /** The root inventory, its host replaced by the pristine one and its secret kept in the test's directory. */
    private Path inventory() throws IOException {
        Files.writeString(dir.resolve("known_hosts"), HOST.knownHostsLine() + "\n");
        String root = Files.readString(Path.of("inventory.yaml"));
        String containers = root.substring(root.indexOf("containers:"))
                .replace("host: local", "host: server")
                .replace("/root/.config/provision/secrets/stock_analysis_user", dir.resolve("secrets/app").toString());
        Files.createDirectories(dir.resolve("schema"));
        for (String sql : new String[] {"schema/event_store.sql", "schema/projections.sql"}) {
            Files.copy(Path.of(sql), dir.resolve(sql));
        }
        // No identity and no passphrase: the key is in the agent only. No become: deploy is not root, so sudo.
        String hosts = "hosts:\n"
                + "  server:\n"
                + "    address: " + HOST.getHost() + "\n"
                + "    port: " + HOST.getMappedPort(SshHost.SSH_PORT) + "\n"
                + "    user: deploy\n"
                + "    known_hosts: " + dir.resolve("known_hosts") + "\n"
                + "    prepare: true\n";
        Path file = dir.resolve("inventory.yaml");
        Files.writeString(file, hosts + containers);
        return file;
    }

    private String asApplication(String sql) throws IOException {
        String password = Files.readString(dir.resolve("secrets/app")).strip();
        String address = HOST.exec("lxc-info", "-n", "event-store", "-iH").lines().findFirst().orElseThrow().strip();
        return HOST.execResult("lxc-attach", "-n", "event-store", "--", "env", "PGPASSWORD=" + password,
                "psql", "-h", address, "-U", "stock_analysis_user", "-d", "stock_analysis_event_store",
                "-XAtq", "-v", "ON_ERROR_STOP=1", "-c", sql);
    }

    @Test
    void prepareTakesAPristineHostOverSshWithAgentAndSudoToAConvergedEventStore() throws IOException {
        for (String pkg : new String[] {"lxc", "lxc-templates", "debootstrap", "distro-info", "dnsmasq-base", "iptables", "rsync"}) {
            assertThat(HOST.execResult("dpkg-query", "-W", "-f=${Status}", pkg))
                    .as("the host is pristine: %s is not installed before provision runs", pkg)
                    .doesNotContain("install ok installed");
        }
        Path key = UserKeys.ed25519(dir, "id_ed25519_deploy", PASSPHRASE);
        HOST.authorize("deploy", Path.of(key + ".pub"));
        Path inventory = inventory();
        try (SshAgentProcess agent = SshAgentProcess.start(Files.createDirectories(dir.resolve("agent")))) {
            agent.add(key, PASSPHRASE);
            Map<String, String> env = agent.environment();

            Cli.Run apply = Jar.run(env, "apply", "-i", inventory.toString(), "--auto-approve", "--no-color");
            assertThat(apply.exitCode()).as("apply from nothing over SSH with agent and sudo:\n%s", apply).isZero();

            Cli.Run plan = Jar.run(env, "plan", "-i", inventory.toString(), "--detailed-exitcode", "--no-color");
            assertThat(plan.exitCode()).as("the next plan is empty:\n%s", plan).isZero();
        }
        String position = "22222222-2222-2222-2222-222222222222";
        asApplication("INSERT INTO event_store.events (event_type, aggregate_type, aggregate_id, event_version, event_data) VALUES"
                + " ('PositionOpened', 'Position', '" + position + "', 1, '{\"symbol\":\"ACME\",\"quantity\":10,\"average_price\":5}')");
        assertThat(asApplication("SELECT count(*) FROM event_store.events"))
                .as("an event inserts as the application role").isEqualTo("1");
    }
}
