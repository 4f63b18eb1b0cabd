package dev.provision.transport.ssh;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SshConfigFileTest {

    @Test
    void anAliasTakesTheFirstValueOfEachKeywordAmongTheMatchingBlocks(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("config");
        Files.writeString(file, """
                Host db1 db1.example.net
                  HostName 192.0.2.10
                  User deploy
                  IdentityFile ~/.ssh/deploy_ed25519
                  ProxyJump admin@bastion:2222,relay

                Host db*
                  User someone-else
                  Port 2200

                Host *
                  Port 22
                  User fallback
                """);
        SshConfigHost db1 = SshConfigFile.read(file).lookup("db1");
        assertThat(db1.hostName()).as("HostName of the alias").isEqualTo("192.0.2.10");
        assertThat(db1.user()).as("the first User among the matching blocks wins, as in OpenSSH").isEqualTo("deploy");
        assertThat(db1.port()).as("Port from the second matching block, the first that sets it").isEqualTo(2200);
        assertThat(db1.identity()).as("~ is the home directory of the user running provision")
                .isEqualTo(Path.of(System.getProperty("user.home"), ".ssh", "deploy_ed25519"));
        assertThat(db1.proxyJump()).as("the hops, as written").isEqualTo("admin@bastion:2222,relay");
    }

    @Test
    void aNameNoBlockMatchesGetsNothingAndAMissingFileIsEmpty(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("config");
        Files.writeString(file, "Host other\n  HostName 192.0.2.99\n  ProxyJump none\n");
        SshConfigHost unknown = SshConfigFile.read(file).lookup("db9");
        assertThat(unknown).as("nothing is said about a name that no Host block matches")
                .isEqualTo(new SshConfigHost(null, null, null, null, null));
        assertThat(SshConfigFile.read(file).lookup("other").proxyJump()).as("ProxyJump none means no jump").isNull();
        assertThat(SshConfigFile.read(dir.resolve("absent")).lookup("db1"))
                .as("a missing ~/.ssh/config is an empty one, as for OpenSSH")
                .isEqualTo(new SshConfigHost(null, null, null, null, null));
    }
}
