package dev.provision.incus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provision.testbed.IncusCluster;
import dev.provision.testbed.IncusHost;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a real 3-member Incus cluster: one trust for all members, placement by member or group. */
class IncusClusterPlacementIT {
    private static IncusCluster cluster;
    private static IncusClient client;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        cluster = new IncusCluster().start();
        IncusHost leader = cluster.leader();
        leader.exec("incus", "cluster", "group", "create", "edge");
        leader.exec("incus", "cluster", "group", "assign", "m3", "default,edge");
        ClientIdentity identity = ClientIdentity.loadOrCreate(dir.resolve("incus-client.p12"), "test-only".toCharArray());
        client = TrustEnrolment.enrol(URI.create(leader.apiUrl()), null, TrustToken.decode(leader.trustToken("provision").toCharArray()),
                identity, "default");
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String create(String name, String target) {
        ObjectNode body = IncusClient.JSON.createObjectNode();
        body.put("name", name);
        body.put("type", "container");
        body.putObject("source").put("type", "image").put("alias", IncusHost.IMAGE_ALIAS);
        String path = "/1.0/instances" + (target == null ? "" : "?target=" + IncusClient.encode(target));
        client.call("POST", path, body);
        return client.get(IncusClient.instancePath(name)).path("location").asText();
    }

    @Test
    void aTargetMemberIsWhereTheInstanceLands() {
        assertThat(create("on-m2", "m2")).as("target m2 must place the instance on member m2").isEqualTo("m2");
    }

    @Test
    void aClusterGroupTargetPlacesOnAMemberOfTheGroup() {
        assertThat(create("on-edge", "@edge")).as("target @edge must place the instance on m3, the group's only member").isEqualTo("m3");
    }

    @Test
    void withoutATargetTheClusterPlacesItAndExecWorksThere() {
        String location = create("anywhere", null);
        assertThat(location).as("the cluster places an instance without a target on one of its members").isIn(IncusCluster.MEMBER_NAMES);
        ObjectNode start = IncusClient.JSON.createObjectNode().put("action", "start").put("timeout", 30);
        client.call("PUT", IncusClient.instancePath("anywhere") + "/state", start);
        assertThat(client.exec("anywhere", List.of("cat", "/etc/hostname"), Map.of(), Duration.ofSeconds(60)).stdout().strip())
                .as("exec through the leader reaches the instance on whichever member it runs").isEqualTo("anywhere");
    }

    @Test
    void everyMemberPresentsTheClusterCertificateSoOnePinServesAll() {
        String pinned = cluster.leader().certificateFingerprint();
        ClientIdentity identity = ClientIdentity.loadOrCreate(dir.resolve("incus-client.p12"), "test-only".toCharArray());
        try (IncusClient viaM3 = IncusClient.connect(new IncusEndpoint.Https(URI.create(cluster.member("m3").apiUrl()), pinned),
                identity, "default")) {
            assertThat(viaM3.trusted()).as("trust given through m1 holds on m3, reached with the same pinned fingerprint").isTrue();
        }
    }
}
