package dev.provision.testbed;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Volume;
import dev.provision.transport.ssh.SshSettings;
import dev.provision.transport.ssh.SshTransport;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A disposable LXC host: a Docker container with sshd, lxc and the lxcbr0 bridge, reached over SSH
 * with a key made for this host alone and a known_hosts file that holds its real host key.
 *
 * <p>The image {@value #IMAGE} is built locally by {@code testbed/build-images.sh} and never pulled.
 * Instead of {@code --privileged} it gets an explicit capability list, because the sandbox this
 * project runs in refuses CAP_SYS_RESOURCE, and with it the whole privileged mode.
 */
public final class LxcHost extends GenericContainer<LxcHost> {

    public static final String IMAGE = "local/provision-lxc-host:bookworm";
    public static final int SSH_PORT = 22;

    private static final Capability[] CAPABILITIES = {
        Capability.SYS_ADMIN, Capability.NET_ADMIN, Capability.SYS_PTRACE, Capability.MKNOD,
        Capability.SYS_CHROOT, Capability.SETFCAP, Capability.AUDIT_CONTROL, Capability.SYS_NICE,
        Capability.IPC_LOCK, Capability.SYS_RAWIO, Capability.SYS_MODULE, Capability.LINUX_IMMUTABLE,
        Capability.MAC_ADMIN, Capability.SYS_TIME, Capability.NET_BROADCAST, Capability.IPC_OWNER,
        Capability.SYSLOG, Capability.WAKE_ALARM, Capability.BLOCK_SUSPEND, Capability.LEASE,
        Capability.SYS_BOOT, Capability.SYS_PACCT, Capability.SYS_TTY_CONFIG, Capability.DAC_READ_SEARCH,
        Capability.AUDIT_READ,
    };

    private final List<Bind> cacheBinds = new java.util.ArrayList<>();
    private Path workDir;
    private Path identity;
    private Path knownHosts;
    private String hostKey;

    public LxcHost() {
        super(DockerImageName.parse(IMAGE));
        requireLocalImage();
        withImagePullPolicy(image -> false);
        withExposedPorts(SSH_PORT);
        // Ryuk cannot run here; bin/test removes containers whose test JVM has died.
        withLabel("dev.provision.testbed.pid", String.valueOf(ProcessHandle.current().pid()));
        // The bind goes straight into the create command: withFileSystemBind would make Testcontainers
        // probe file mounting with an alpine container, which cannot be pulled here and stalls minutes.
        withCreateContainerCmdModifier(cmd -> allowNestedLxc(cmd.getHostConfig(), cacheBinds));
        // The entrypoint starts lxc-net before sshd, so a listening sshd means the bridge is up too.
        waitingFor(Wait.forLogMessage(".*Server listening on 0\\.0\\.0\\.0 port 22.*", 1)
                .withStartupTimeout(Duration.ofSeconds(90)));
    }

    /**
     * Gives this host the LXC debian template's rootfs cache of each of {@code releases} from this machine
     * (read-only; {@code testbed/build-images.sh} seeds them once per CI run), as a user's host keeps its
     * own cache: lxc-create then copies it instead of debootstrapping the release again. Fails the test when
     * a cache is missing: run testbed/build-images.sh.
     */
    public LxcHost withLxcCaches(String... releases) {
        for (String release : releases) {
            String dir = "/var/cache/lxc/debian/rootfs-" + release + "-amd64";
            if (!Files.isDirectory(Path.of(dir))) {
                throw new IllegalStateException(dir + " is missing on this machine; run testbed/build-images.sh, which seeds it");
            }
            cacheBinds.add(new Bind(dir, new Volume(dir), AccessMode.ro));
        }
        return this;
    }

    /**
     * Lets a container run LXC containers inside it without {@code --privileged}: the capability list,
     * no seccomp or AppArmor confinement, the host's cgroup namespace and {@code /sys/fs/cgroup}
     * writable, plus {@code binds}. Its {@code /proc/sys} must still be remounted read-write inside.
     */
    static void allowNestedLxc(com.github.dockerjava.api.model.HostConfig config, List<Bind> binds) {
        List<Bind> all = new java.util.ArrayList<>(List.of(new Bind("/sys/fs/cgroup", new Volume("/sys/fs/cgroup"), AccessMode.rw)));
        all.addAll(binds);
        config.withBinds(all)
                .withCapAdd(CAPABILITIES)
                .withSecurityOpts(List.of("seccomp=unconfined", "apparmor=unconfined"))
                .withCgroupnsMode("host");
    }

    /** Settings that reach this host's sshd from the test JVM, with its host key verified strictly. */
    public SshSettings sshSettings() {
        return SshSettings.of(getHost(), getMappedPort(SSH_PORT), "root")
                .withIdentity(identity)
                .withKnownHosts(knownHosts);
    }

    /** Connects to this host's sshd with {@link #sshSettings()}. */
    public SshTransport connect() {
        return SshTransport.connect(sshSettings());
    }

    /** The private key the host accepts for root. */
    public Path identity() {
        return identity;
    }

    /** A known_hosts file holding this host's ed25519 key for {@code [host]:mappedPort}. */
    public Path knownHosts() {
        return knownHosts;
    }

    /** This host's ed25519 public key as {@code ssh-ed25519 AAAA...}, without a comment. */
    public String hostKey() {
        return hostKey;
    }

    /** The directory holding this host's key files, removed when the host stops. */
    public Path workDir() {
        return workDir;
    }

    /** Runs a command in the container, outside SSH, and fails the test when it fails. */
    public String exec(String... command) {
        return ContainerExec.checked(this, command);
    }

    /** Runs a command in the container and returns what it printed, stdout then stderr, whatever its exit status. */
    public String execResult(String... command) {
        return ContainerExec.output(this, command);
    }

    @Override
    protected void containerIsStarted(InspectContainerResponse containerInfo) {
        try {
            workDir = Files.createTempDirectory("provision-lxc-host-");
            exec("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "provision-test", "-f", "/root/test_key");
            exec("sh", "-c", "cat /root/test_key.pub >> /root/.ssh/authorized_keys && chmod 600 /root/.ssh/authorized_keys");
            identity = workDir.resolve("id_ed25519");
            Files.writeString(identity, exec("cat", "/root/test_key"), StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(identity, PosixFilePermissions.fromString("rw-------"));
            exec("rm", "-f", "/root/test_key", "/root/test_key.pub");

            String[] fields = exec("cat", "/etc/ssh/ssh_host_ed25519_key.pub").trim().split("\\s+");
            hostKey = fields[0] + " " + fields[1];
            knownHosts = workDir.resolve("known_hosts");
            Files.writeString(knownHosts, knownHostsLine() + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The known_hosts line for this host as the test JVM reaches it. */
    public String knownHostsLine() {
        return "[" + getHost() + "]:" + getMappedPort(SSH_PORT) + " " + hostKey;
    }

    @Override
    protected void containerIsStopped(InspectContainerResponse containerInfo) {
        if (workDir != null) {
            try (Stream<Path> files = Files.walk(workDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // A temporary directory left behind is harmless.
            }
        }
    }

    private static void requireLocalImage() {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(IMAGE).exec();
        } catch (RuntimeException e) {
            throw new IllegalStateException("the Docker image " + IMAGE + " is missing (" + e.getMessage()
                    + "); build it with testbed/build-images.sh, or run bin/test", e);
        }
    }
}
