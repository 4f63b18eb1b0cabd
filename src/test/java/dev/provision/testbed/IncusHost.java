package dev.provision.testbed;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.Volume;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A disposable Incus server: a Docker container running incusd 6.0, its REST API published on
 * {@value #API_PORT}, initialised with a storage pool and the {@code incusbr0} bridge on an explicit
 * subnet (automatic subnet selection probes other networks' addresses, which is forbidden here), and
 * the Debian bookworm image imported locally as {@value #IMAGE_ALIAS}.
 *
 * <p>The image {@value #IMAGE} is built by {@code testbed/build-images.sh} and never pulled. It gets the
 * LXC host's capability list, {@code /dev/fuse} for lxcfs, the loop devices for a btrfs pool on a loop
 * file, and {@code /var/lib/incus} on a volume of its own (removed with the container).
 */
public final class IncusHost extends GenericContainer<IncusHost> {

    public static final String IMAGE = "local/provision-incus-host:bookworm";
    public static final int API_PORT = 8443;
    public static final String IMAGE_ALIAS = "debian/bookworm";
    /** The bridge's address and subnet inside this host; instances get 10.0.3.x. */
    public static final String BRIDGE_ADDRESS = "10.0.3.1/24";

    /** Where incusd puts its Unix socket inside the container: a directory shared with the test JVM. */
    static final String SOCKET_DIR = "/run/provision-incus";

    private final String poolDriver;
    private final Path socketDir;

    /** A host whose default pool uses {@code poolDriver} ({@code btrfs} on a loop file, or {@code dir}). */
    public IncusHost(String poolDriver) {
        super(DockerImageName.parse(IMAGE));
        this.poolDriver = poolDriver;
        requireLocalImage();
        try {
            socketDir = Files.createTempDirectory("provision-incus-socket-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // incusd and the incus command both read INCUS_SOCKET; the directory is this JVM's, so the
        // socket is reachable from the test as it is from a process on the server.
        withEnv("INCUS_SOCKET", SOCKET_DIR + "/unix.socket");
        withImagePullPolicy(image -> false);
        withExposedPorts(API_PORT);
        withLabel("dev.provision.testbed.pid", String.valueOf(ProcessHandle.current().pid()));
        // incusd asks the image server for instance types at start; it must fail fast on loopback.
        withExtraHost("images.linuxcontainers.org", "127.0.0.1");
        withCreateContainerCmdModifier(cmd -> {
            LxcHost.allowNestedLxc(cmd.getHostConfig(),
                    List.of(new Bind(socketDir.toString(), new Volume(SOCKET_DIR), AccessMode.rw)));
            cmd.getHostConfig()
                    .withDevices(Device.parse("/dev/fuse"), Device.parse("/dev/loop-control"))
                    .withDeviceCgroupRules(List.of("b 7:* rmw"));
            cmd.withVolumes(new Volume("/var/lib/incus"));
        });
        waitingFor(Wait.forLogMessage(".*provision-incus-host ready.*", 1).withStartupTimeout(Duration.ofSeconds(90)));
    }

    /** A standalone server on a btrfs pool. */
    public IncusHost() {
        this("btrfs");
    }

    @Override
    protected void containerIsStarted(InspectContainerResponse containerInfo) {
        if (!getNetworkAliases().contains(CLUSTER_MEMBER_MARK)) {
            initialise(standalonePreseed(poolDriver));
        }
    }

    static final String CLUSTER_MEMBER_MARK = "incus-cluster-member";

    /** Runs {@code incus admin init --preseed} with {@code yaml} and imports the Debian image. */
    void initialise(String yaml) {
        exec("sh", "-c", "printf '%s' \"$1\" > /root/preseed.yaml && incus admin init --preseed < /root/preseed.yaml", "sh", yaml);
    }

    /** Imports the locally built Debian bookworm image as {@value #IMAGE_ALIAS}. */
    public void importDebianImage() {
        exec("incus", "image", "import", "/opt/provision-incus/meta.tar", "/opt/provision-incus/rootfs.tar.gz",
                "--alias", IMAGE_ALIAS);
    }

    static String standalonePreseed(String driver) {
        return """
                config:
                  core.https_address: "[::]:%d"
                networks:
                - name: incusbr0
                  type: bridge
                  config:
                    ipv4.address: %s
                    ipv4.nat: "true"
                    ipv6.address: none
                storage_pools:
                - name: default
                  driver: %s
                %s
                profiles:
                - name: default
                  devices:
                    root: {path: /, pool: default, type: disk}
                    eth0: {name: eth0, network: incusbr0, type: nic}
                """.formatted(API_PORT, BRIDGE_ADDRESS, driver, poolSize(driver));
    }

    static String poolSize(String driver) {
        return driver.equals("btrfs") ? "  config:\n    size: 6GiB" : "";
    }

    /** The REST API's address as the test JVM reaches it, such as {@code https://localhost:32771}. */
    public String apiUrl() {
        return "https://" + getHost() + ":" + getMappedPort(API_PORT);
    }

    /**
     * The SHA-256 fingerprint of the certificate the API presents, lower-case hex, read from the server
     * itself: a cluster member's is the cluster certificate, shared by all members.
     */
    public String certificateFingerprint() {
        return exec("sh", "-c", "f=/var/lib/incus/cluster.crt; [ -e \"$f\" ] || f=/var/lib/incus/server.crt;"
                + " openssl x509 -in \"$f\" -outform DER | sha256sum")
                .replaceAll("\\s.*", "").strip();
    }

    /** A trust token for a new client named {@code clientName}, as {@code incus config trust add} prints it. */
    public String trustToken(String clientName) {
        String out = exec("incus", "config", "trust", "add", clientName, "--quiet");
        return out.strip();
    }

    /** The server's Unix socket as this JVM reaches it. */
    public Path socketPath() {
        return socketDir.resolve("unix.socket");
    }

    @Override
    protected void containerIsStopped(InspectContainerResponse containerInfo) {
        try (Stream<Path> files = Files.walk(socketDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory left behind is harmless.
        }
    }

    /** Runs a command in the container, outside the API, and fails the test when it fails. */
    public String exec(String... command) {
        return ContainerExec.checked(this, command);
    }

    /** Runs a command in the container and returns stdout then stderr, whatever its exit status. */
    public String execResult(String... command) {
        return ContainerExec.output(this, command);
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
