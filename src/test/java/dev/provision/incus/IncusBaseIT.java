package dev.provision.incus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.transport.ScriptResource;
import dev.provision.testbed.IncusHost;
import dev.provision.transport.CommandResult;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prepared base on a real Incus server (btrfs pool): built once and published as an image, then
 * containers from it with limits, a static or DHCP address, autostart, each with its own machine-id and
 * PostgreSQL system identifier; and the time a rebuild from the cached base takes.
 */
class IncusBaseIT {
    private static final int MAJOR = 15;
    private static final String ALIAS = BaseImage.alias("debian", "bookworm", MAJOR);
    private static final String INSTALL = ScriptResource.load(IncusBaseIT.class, "/dev/provision/resource/pgserver/install-server.sh");

    private static IncusHost host;
    private static IncusClient client;
    private static Instances instances;
    private static boolean builtFirst;
    private static long baseMillis;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        host = new IncusHost();
        host.start();
        host.importDebianImage();
        ClientIdentity identity = ClientIdentity.loadOrCreate(dir.resolve("incus-client.p12"), "test-only".toCharArray());
        client = TrustEnrolment.enrol(URI.create(host.apiUrl()), null, TrustToken.decode(host.trustToken("provision").toCharArray()),
                identity, "default");
        instances = new Instances(client);
        long t0 = System.nanoTime();
        builtFirst = new BaseImage(client).ensure(ALIAS, IncusHost.IMAGE_ALIAS, MAJOR, "incusbr0");
        baseMillis = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("[IncusBaseIT] base built and published in " + baseMillis + " ms");
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (host != null) {
            host.stop();
        }
    }

    /** Creates {@code name} from the base, starts it and creates its PostgreSQL cluster, as apply does. */
    private static void build(InstanceRequest request) {
        instances.create(request);
        instances.start(request.name(), Duration.ofMinutes(1));
        CommandResult installed = client.exec(request.name(), List.of("sh", "-c", INSTALL, "provision-install", String.valueOf(MAJOR), "main",
                request.name()), Map.of(), Duration.ofMinutes(5));
        assertThat(installed.exitStatus()).as("the clone's cluster must be created: " + installed.stderr()).isZero();
    }

    private static InstanceRequest request(String name, Map<String, String> config, String address) {
        return new InstanceRequest(name, ALIAS, config, List.of("default"), "incusbr0", address, null);
    }

    private static String in(String instance, String... argv) {
        return client.exec(instance, List.of(argv), Map.of(), Duration.ofSeconds(60)).stdout().strip();
    }

    @Test
    void theBaseIsBuiltOnceAndPublishedUnderItsKey() {
        assertThat(builtFirst).as("the first ensure builds the base").isTrue();
        assertThat(new BaseImage(client).ensure(ALIAS, IncusHost.IMAGE_ALIAS, MAJOR, "incusbr0"))
                .as("a second ensure finds the published image and builds nothing").isFalse();
        assertThat(host.exec("incus", "image", "alias", "list", "--format", "csv")).as("the image alias is keyed by release and major")
                .contains("provision/debian/bookworm/pg15");
        assertThat(host.exec("incus", "list", "--format", "csv", "-c", "n")).as("the builder instance is gone")
                .doesNotContain("provision-base");
    }

    @Test
    void clonesHaveTheirOwnIdentityLimitsAndAddresses() {
        build(request("pg-a", Map.of("limits.memory", "256MiB", "limits.cpu", "1", "boot.autostart", "true"), "10.0.3.50"));
        build(request("pg-b", Map.of(), null));
        String idA = in("pg-a", "cat", "/etc/machine-id");
        String idB = in("pg-b", "cat", "/etc/machine-id");
        assertThat(idA).as("each clone has a machine-id").matches("[0-9a-f]{32}");
        assertThat(idA).as("two clones of one base must not share a machine-id").isNotEqualTo(idB);
        String sysA = in("pg-a", "sh", "-c", "/usr/lib/postgresql/15/bin/pg_controldata /var/lib/postgresql/15/main | grep 'system identifier'");
        String sysB = in("pg-b", "sh", "-c", "/usr/lib/postgresql/15/bin/pg_controldata /var/lib/postgresql/15/main | grep 'system identifier'");
        assertThat(sysA).as("pg_controldata reports a system identifier").contains("system identifier");
        assertThat(sysA).as("two clones must not share a PostgreSQL system identifier (replication would mix them up)").isNotEqualTo(sysB);
        assertThat(in("pg-a", "cat", "/sys/fs/cgroup/memory/memory.limit_in_bytes")).as("limits.memory=256MiB is in force in the cgroup")
                .isEqualTo(String.valueOf(256L * 1024 * 1024));
        assertThat(in("pg-a", "sh", "-c", "ip -4 -o addr show eth0 | awk '{print $4}'")).as("the static ipv4.address is the one it gets")
                .startsWith("10.0.3.50/");
        assertThat(in("pg-b", "sh", "-c", "ip -4 -o addr show eth0 | awk '{print $4}'")).as("without an address it gets one by DHCP on the bridge")
                .startsWith("10.0.3.");
        assertThat(host.exec("incus", "config", "get", "pg-a", "boot.autostart").strip()).isEqualTo("true");
    }

    @Test
    void aRebuildFromTheCachedBaseIsQuick() {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            instances.delete("pg-r");
            long t1 = System.nanoTime();
            instances.create(request("pg-r", Map.of("limits.memory", "512MiB"), null));
            long t2 = System.nanoTime();
            instances.start("pg-r", Duration.ofMinutes(1));
            long t3 = System.nanoTime();
            CommandResult installed = client.exec("pg-r", List.of("sh", "-c", INSTALL, "provision-install", String.valueOf(MAJOR), "main",
                    "pg-r"), Map.of(), Duration.ofMinutes(5));
            assertThat(installed.exitStatus()).as("the clone's cluster must be created: " + installed.stderr()).isZero();
            long t4 = System.nanoTime();
            millis.add((t4 - t0) / 1_000_000);
            System.out.printf("[IncusBaseIT] rebuild %d: delete %d ms, create from the base %d ms, start until booted %d ms,"
                    + " cluster %d ms%n", i, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000);
        }
        Collections.sort(millis);
        System.out.println("[IncusBaseIT] rebuild (delete, create from the base, start, create the cluster) ms: " + millis
                + ", median " + millis.get(1));
        // A guard against a rebuild that reinstalls PostgreSQL (minutes) instead of cloning the base; issue 18's
        // 3 s target for the whole apply is not met yet (14-26 s here, most of it boot and initdb on a loaded machine).
        assertThat(millis.get(1)).as("a rebuild must clone the published base, not reinstall PostgreSQL: at most 45 s (median of 3)")
                .isLessThanOrEqualTo(45_000L);
    }
}
