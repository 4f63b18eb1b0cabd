package dev.provision.cli;

import dev.provision.inventory.Host;
import dev.provision.inventory.Loaded;
import dev.provision.inventory.InventoryLoader;
import dev.provision.testbed.SshAgentProcess;
import dev.provision.testbed.SshHost;
import dev.provision.testbed.UserKeys;
import dev.provision.transport.CommandResult;
import dev.provision.transport.Transport;
import dev.provision.transport.TransportException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.Network;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SSH the way infra engineers have it, from an inventory to a real sshd: keys held by a real
 * ssh-agent, passphrase-protected keys, a {@code ~/.ssh/config} alias reached through a ProxyJump
 * host, and a non-root login that gets root through {@code sudo -n}, or is refused clearly when sudo
 * wants a password.
 */
@Testcontainers
class SshAsUsersHaveItIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String PASSPHRASE = "correct horse battery staple";
    private static final Network NETWORK = Network.newNetwork();

    /** Reached from this JVM through its published port; the jump host of the ProxyJump case. */
    @Container
    static final SshHost HOST = new SshHost().withNetwork(NETWORK);

    /** Reached only through {@link #HOST}, by its name on the private Docker network. */
    @Container
    static final SshHost INNER = new SshHost().withNetwork(NETWORK).withNetworkAliases("inner-ssh-host");

    @TempDir
    static Path keys;

    static Path encrypted;
    static Path knownHosts;

    @BeforeAll
    static void keys() throws IOException {
        encrypted = UserKeys.ed25519(keys, "id_encrypted", PASSPHRASE);
        for (String user : List.of("deploy", "asker")) {
            HOST.authorize(user, Path.of(encrypted + ".pub"));
            INNER.authorize(user, Path.of(encrypted + ".pub"));
        }
        knownHosts = keys.resolve("known_hosts");
        Files.writeString(knownHosts, HOST.knownHostsLine() + "\ninner-ssh-host " + INNER.hostKey() + "\n");
    }

    @AfterAll
    static void removeNetwork() {
        NETWORK.close();
    }

    /** Loads a one-host inventory and returns its host {@code h}. */
    private static Host host(Path dir, String yaml) throws IOException {
        Path file = dir.resolve("inventory.yaml");
        Files.writeString(file, "hosts:\n  h:\n" + yaml.indent(4) + "containers: {}\n");
        Loaded loaded = new InventoryLoader().load(file);
        assertThat(loaded.isValid()).as("the inventory is valid: %s", loaded.diagnostics()).isTrue();
        return loaded.inventory().hosts().get("h");
    }

    private static String direct(String user) {
        return "address: " + HOST.getHost() + "\nport: " + HOST.getMappedPort(SshHost.SSH_PORT) + "\nuser: " + user
                + "\nidentity: " + encrypted + "\nknown_hosts: " + knownHosts + "\n";
    }

    private static Transport open(Host host, Path agentSocket) {
        return new SshHosts(agentSocket).open(host, name -> {
            throw new AssertionError("no other host is declared");
        });
    }

    private static String run(Transport transport, String... argv) {
        CommandResult result = transport.run(List.of(argv), null, TIMEOUT);
        assertThat(result.exitStatus()).as("%s: %s", String.join(" ", argv), result.stderr()).isZero();
        return result.stdout().strip();
    }

    @Test
    void aKeyHeldBySshAgentLogsInAndSudoMakesTheNonRootUserRoot(@TempDir Path dir) throws IOException {
        try (SshAgentProcess agent = SshAgentProcess.start(dir)) {
            agent.add(encrypted, PASSPHRASE);
            // The identity file is encrypted and no passphrase is declared: only the agent can log in.
            Host host = host(dir, direct("deploy"));
            assertThat(host.become()).as("become is not declared: automatic").isEqualTo(Host.Become.AUTO);
            try (Transport transport = open(host, agent.socket())) {
                assertThat(run(transport, "id", "-u")).as("a login that is not root runs commands through sudo as root").isEqualTo("0");
                assertThat(run(transport, "sh", "-c", "echo $SUDO_USER")).as("sudo was how it got there").isEqualTo("deploy");

                transport.upload("written through sudo\n".getBytes(StandardCharsets.UTF_8), "/root/provision-upload", 0600);
                assertThat(HOST.exec("stat", "-c", "%U %a", "/root/provision-upload").strip())
                        .as("an upload into root's home, which deploy cannot write, is root's with the mode asked for")
                        .isEqualTo("root 600");
                assertThat(HOST.exec("cat", "/root/provision-upload")).isEqualTo("written through sudo\n");
            }
        }
    }

    @Test
    void aKeyTheHostRefusesIsReportedAsRefusedEvenWhenItsFileIsEncrypted(@TempDir Path dir) throws IOException {
        Path stranger = UserKeys.ed25519(dir, "id_stranger", PASSPHRASE);
        try (SshAgentProcess agent = SshAgentProcess.start(dir)) {
            agent.add(stranger, PASSPHRASE);
            Host host = host(dir, direct("deploy").replace(encrypted.toString(), stranger.toString()));
            assertThatThrownBy(() -> open(host, agent.socket()).close())
                    .as("the host refused the agent's key; its file's missing passphrase is beside the point")
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining("the host refused ssh-agent key id_stranger for user deploy")
                    .hasMessageContaining("authorized_keys")
                    .hasMessageNotContaining("passphrase");
        }
    }

    @Test
    void becomeNoneRunsAsTheLoginUser(@TempDir Path dir) throws IOException {
        Host host = host(dir, direct("deploy") + "become: none\nidentity_passphrase: { file: " + passphraseFile(dir, PASSPHRASE) + " }\n");
        try (Transport transport = open(host, null)) {
            assertThat(run(transport, "id", "-un")).as("become: none keeps the login user").isEqualTo("deploy");
        }
    }

    @Test
    void aPassphraseFromASecretFileUnlocksTheKeyWithoutAnAgent(@TempDir Path dir) throws IOException {
        Host host = host(dir, direct("deploy") + "identity_passphrase: { file: " + passphraseFile(dir, PASSPHRASE) + " }\n");
        try (Transport transport = open(host, null)) {
            assertThat(run(transport, "id", "-u")).as("logged in with the unlocked key, root through sudo").isEqualTo("0");
        }
    }

    @Test
    void aWrongPassphraseIsNamedAsSuch(@TempDir Path dir) throws IOException {
        Path secret = passphraseFile(dir, "not the passphrase");
        Host host = host(dir, direct("deploy") + "identity_passphrase: { file: " + secret + " }\n");
        assertThatThrownBy(() -> open(host, null).close())
                .as("a wrong passphrase is reported as one, with its source and never its value")
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("wrong passphrase")
                .hasMessageContaining("file:" + secret)
                .hasMessageContaining(encrypted.toString())
                .hasMessageNotContaining("refused")
                .hasMessageNotContaining("not the passphrase");
    }

    @Test
    void aMissingPassphraseIsNamedAsSuch(@TempDir Path dir) throws IOException {
        Host host = host(dir, direct("deploy"));
        assertThatThrownBy(() -> open(host, null).close())
                .as("an encrypted key without a passphrase or an agent says so and what to do")
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("is protected by a passphrase")
                .hasMessageContaining("ssh-add")
                .hasMessageContaining("identity_passphrase")
                .hasMessageNotContaining("refused");
    }

    @Test
    void sudoThatWantsAPasswordFailsAtOnceAndSaysWhatToConfigure(@TempDir Path dir) throws IOException {
        Host host = host(dir, direct("asker") + "identity_passphrase: { file: " + passphraseFile(dir, PASSPHRASE) + " }\n");
        assertThatThrownBy(() -> open(host, null).close())
                .as("sudo -n never prompts: the connection fails with what to configure")
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("sudo asks user asker for a password")
                .hasMessageContaining("NOPASSWD")
                .hasMessageContaining("root");
    }

    @Test
    void anSshConfigAliasIsReachedThroughItsProxyJumpHost(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("ssh_config");
        Files.writeString(config, ""
                + "Host db-behind-bastion\n"
                + "  HostName inner-ssh-host\n"
                + "  User deploy\n"
                + "  IdentityFile " + encrypted + "\n"
                + "  ProxyJump bastion\n"
                + "\n"
                + "Host bastion\n"
                + "  HostName " + HOST.getHost() + "\n"
                + "  Port " + HOST.getMappedPort(SshHost.SSH_PORT) + "\n"
                + "  User deploy\n"
                + "  IdentityFile " + encrypted + "\n");
        try (SshAgentProcess agent = SshAgentProcess.start(dir)) {
            agent.add(encrypted, PASSPHRASE);
            Host host = host(dir, "address: db-behind-bastion\nssh_config: " + config + "\nknown_hosts: " + knownHosts + "\n");
            try (Transport transport = open(host, agent.socket())) {
                assertThat(transport.describe()).as("HostName, User and the jump host come from the SSH config")
                        .startsWith("deploy@inner-ssh-host:22 via deploy@");
                assertThat(run(transport, "hostname")).as("the command ran on the host behind the jump host")
                        .isEqualTo(INNER.exec("hostname").strip())
                        .isNotEqualTo(HOST.exec("hostname").strip());
                assertThat(run(transport, "id", "-u")).as("User deploy from the config gets root through sudo").isEqualTo("0");
            }
        }
    }

    private static Path passphraseFile(Path dir, String passphrase) throws IOException {
        Path file = dir.resolve("passphrase-" + Integer.toHexString(passphrase.hashCode()));
        Files.writeString(file, passphrase + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
