package dev.provision.incus;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What provision asks Incus for when it creates a container: its name, the image alias it starts from,
 * its configuration keys ({@code limits.cpu}, {@code limits.memory}, {@code boot.autostart}), profiles,
 * its {@code eth0} on a managed network (a static {@code ipv4.address}, or DHCP when {@code null}), and an
 * optional placement target: a member name or {@code @group}; {@code null} lets the cluster place it.
 */
public record InstanceRequest(String name, String imageAlias, Map<String, String> config, List<String> profiles,
        String network, String ipv4Address, String target) {

    public InstanceRequest {
        config = Map.copyOf(config);
        profiles = List.copyOf(profiles);
    }

    /** The {@code POST /1.0/instances} body. */
    ObjectNode body() {
        ObjectNode body = IncusClient.JSON.createObjectNode();
        body.put("name", name);
        body.put("type", "container");
        body.putObject("source").put("type", "image").put("alias", imageAlias);
        ObjectNode configNode = body.putObject("config");
        new TreeMap<>(config).forEach(configNode::put);
        body.putPOJO("profiles", profiles);
        if (network != null) {
            ObjectNode nic = body.putObject("devices").putObject("eth0");
            nic.put("type", "nic");
            nic.put("name", "eth0");
            nic.put("network", network);
            if (ipv4Address != null) {
                nic.put("ipv4.address", ipv4Address);
            }
        }
        return body;
    }

    /** The request path, with the placement target when there is one. */
    String path() {
        return "/1.0/instances" + (target == null ? "" : "?target=" + IncusClient.encode(target));
    }
}
