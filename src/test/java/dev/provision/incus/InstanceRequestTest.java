package dev.provision.incus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceRequestTest {

    @Test
    void theBodyCarriesConfigProfilesAndAStaticNic() {
        InstanceRequest request = new InstanceRequest("pg-a", "provision/debian/bookworm/pg15",
                Map.of("limits.memory", "256MiB", "limits.cpu", "1", "boot.autostart", "true"), List.of("default", "db"),
                "incusbr0", "10.0.3.50", "m2");
        String body = request.body().toString();
        assertThat(body).as("the instance starts from the base's alias as a container")
                .contains("\"source\":{\"type\":\"image\",\"alias\":\"provision/debian/bookworm/pg15\"}")
                .contains("\"type\":\"container\"");
        assertThat(body).as("config keys are sent in a stable order")
                .contains("\"config\":{\"boot.autostart\":\"true\",\"limits.cpu\":\"1\",\"limits.memory\":\"256MiB\"}");
        assertThat(body).as("profiles in the declared order").contains("\"profiles\":[\"default\",\"db\"]");
        assertThat(body).as("eth0 on the managed network with its static address")
                .contains("\"eth0\":{\"type\":\"nic\",\"name\":\"eth0\",\"network\":\"incusbr0\",\"ipv4.address\":\"10.0.3.50\"}");
        assertThat(request.path()).as("the target member goes in the query").isEqualTo("/1.0/instances?target=m2");
    }

    @Test
    void dhcpAndNoTargetLeaveThoseToIncus() {
        InstanceRequest request = new InstanceRequest("pg-b", "base", Map.of(), List.of(), "incusbr0", null, null);
        assertThat(request.body().toString()).as("without an address the nic has none: DHCP on the managed network")
                .doesNotContain("ipv4.address");
        assertThat(request.path()).as("without a target the cluster places the instance").isEqualTo("/1.0/instances");
        assertThat(new InstanceRequest("pg-c", "base", Map.of(), List.of(), "incusbr0", null, "@edge").path())
                .as("a cluster group target is encoded").isEqualTo("/1.0/instances?target=%40edge");
    }
}
