package dev.provision.testbed;

import com.github.dockerjava.api.command.InspectContainerResponse;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A pristine SSH host as users have one: sshd, sudo and two non-root users, {@code deploy} (sudo
 * without a password) and {@code asker} (sudo that wants one), and nothing that provision installs.
 *
 * <p>The image {@value #IMAGE} is built locally by {@code testbed/build-images.sh}. Nobody may log in
 * until a test authorizes a key with {@link #authorize}. {@link #withNestedLxc()} gives the container
 * what LXC inside it needs, for a host that provision prepares from nothing.
 */
public final class SshHost extends GenericContainer<SshHost> {

    public static final String IMAGE = "local/provision-ssh-host:bookworm";
    public static final int SSH_PORT = 22;

    private String hostKey;

    public SshHost() {
        super(DockerImageName.parse(IMAGE));
        try {
            DockerClientFactory.instance().client().inspectImageCmd(IMAGE).exec();
        } catch (RuntimeException e) {
            throw new IllegalStateException("the Docker image " + IMAGE + " is missing (" + e.getMessage()
                    + "); build it with testbed/build-images.sh, or run bin/test", e);
        }
        withImagePullPolicy(image -> false);
        withExposedPorts(SSH_PORT);
        withLabel("dev.provision.testbed.pid", String.valueOf(ProcessHandle.current().pid()));
        waitingFor(Wait.forLogMessage(".*Server listening on 0\\.0\\.0\\.0 port 22.*", 1)
                .withStartupTimeout(Duration.ofSeconds(60)));
    }

    /** Runs the container with the LXC host's Docker capabilities, so that provision can run LXC in it. */
    public SshHost withNestedLxc() {
        return withCreateContainerCmdModifier(cmd -> LxcHost.allowNestedLxc(cmd.getHostConfig(), List.of()));
    }

    /** Lets {@code user} log in with the public key {@code publicKey} (an OpenSSH {@code .pub} file). */
    public void authorize(String user, Path publicKey) {
        try {
            String line = Files.readString(publicKey).strip();
            exec("sh", "-c", "h=$(getent passwd \"$1\" | cut -d: -f6) && printf '%s\\n' \"$2\" >> \"$h/.ssh/authorized_keys\""
                    + " && chown \"$1:\" \"$h/.ssh/authorized_keys\" && chmod 600 \"$h/.ssh/authorized_keys\"", "sh", user, line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The known_hosts line for this host as the test JVM reaches it, {@code [host]:port key}. */
    public String knownHostsLine() {
        return "[" + getHost() + "]:" + getMappedPort(SSH_PORT) + " " + hostKey;
    }

    /** This host's ed25519 public key as {@code ssh-ed25519 AAAA...}, without a comment. */
    public String hostKey() {
        return hostKey;
    }

    /** Runs a command in the container, outside SSH, and fails the test when it fails. */
    public String exec(String... command) {
        return ContainerExec.checked(this, command);
    }

    /** Runs a command in the container and returns stdout then stderr, whatever its exit status. */
    public String execResult(String... command) {
        return ContainerExec.output(this, command);
    }

    @Override
    protected void containerIsStarted(InspectContainerResponse containerInfo) {
        String[] fields = exec("cat", "/etc/ssh/ssh_host_ed25519_key.pub").trim().split("\\s+");
        hostKey = fields[0] + " " + fields[1];
    }
}
