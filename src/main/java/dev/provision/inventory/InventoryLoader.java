package dev.provision.inventory;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads an inventory file into the model and validates it, offline: nothing is contacted.
 *
 * <p>User mistakes never throw; they come back as diagnostics with positions, all at once. The
 * model is returned only when there are no errors.
 */
public final class InventoryLoader {

    public Loaded load(Path file) {
        Problems problems = new Problems(file);
        Inventory inventory = new YamlReader(problems).read(file)
                .map(root -> build(root, file, problems))
                .orElse(null);
        return new Loaded(problems.hasErrors() ? null : inventory, problems.diagnostics());
    }

    private static Inventory build(Node root, Path file, Problems problems) {
        Fields f = Fields.open(root, InventoryKeys.INVENTORY, "the inventory", problems).orElse(null);
        if (f == null) {
            return null;
        }
        Path baseDir = file.toAbsolutePath().normalize().getParent();
        if (!f.has("hosts")) {
            f.missing("hosts");
        }
        Set<String> hostNames = f.named("hosts").keySet();
        HostParser hostParser = new HostParser(problems, hostNames);
        Map<String, Host> hosts = new LinkedHashMap<>();
        f.named("hosts").forEach((name, tuple) -> {
            Host host = hostParser.parse(name, tuple);
            if (host != null) {
                hosts.put(name, host);
            }
        });
        checkJumpCycles(hosts, problems);
        ContainerParser containerParser = new ContainerParser(problems, hostNames, new PostgresParser(problems, baseDir));
        Map<String, Container> containers = new LinkedHashMap<>();
        f.named("containers").forEach((name, tuple) -> {
            Container container = containerParser.parse(name, tuple);
            if (container != null) {
                containers.put(name, container);
            }
        });
        checkStaticAddresses(containers, problems);
        return new Inventory(file, baseDir, hosts, containers);
    }

    /** A jump chain that comes back to where it started can never connect. */
    private static void checkJumpCycles(Map<String, Host> hosts, Problems problems) {
        for (Host start : hosts.values()) {
            Set<String> seen = new LinkedHashSet<>();
            for (Host h = start; h != null && h.jump() != null; h = hosts.get(h.jump())) {
                if (!seen.add(h.name())) {
                    break;
                }
                if (h.jump().equals(start.name()) && !h.name().equals(start.name())) {
                    problems.error(start.at(), "jump hosts form a loop: " + String.join(" -> ", seen) + " -> " + start.name(),
                            "make one of these hosts reachable without jump");
                    break;
                }
            }
        }
    }

    /**
     * Two containers on one host's bridge cannot share a static address, and the static addresses on
     * one bridge are all in one subnet: the bridge's.
     */
    private static void checkStaticAddresses(Map<String, Container> containers, Problems problems) {
        Map<String, Container> byAddress = new HashMap<>();
        Map<String, Container> subnetOf = new HashMap<>();
        for (Container c : containers.values()) {
            if (c.network() == null || c.network().isDhcp() || c.network().ipv4() == null) {
                continue;
            }
            Ipv4Cidr cidr = Ipv4Cidr.parse(c.network().ipv4()).orElse(null);
            if (cidr == null) {
                continue;
            }
            String bridge = c.host() + "/" + c.network().bridge();
            Container other = byAddress.putIfAbsent(bridge + "/" + cidr.host(), c);
            if (other != null) {
                problems.error(c.network().at(), "container \"" + c.name() + "\" has the same address " + cidr.host()
                        + " as container \"" + other.name() + "\" on bridge " + c.network().bridge() + " of host " + c.host(),
                        "give each container its own address, or use ipv4: dhcp");
                continue;
            }
            if (c.network().bridge().equals(Ipv4Cidr.DEFAULT_BRIDGE)) {
                continue; // its subnet is known, and each address was checked against it
            }
            Container first = subnetOf.putIfAbsent(bridge, c);
            Ipv4Cidr firstCidr = first == null ? null : Ipv4Cidr.parse(first.network().ipv4()).orElse(null);
            if (firstCidr != null && !firstCidr.sameSubnet(cidr)) {
                problems.error(c.network().at(), "container \"" + c.name() + "\" is in subnet " + cidr.subnet()
                        + " but container \"" + first.name() + "\" on the same bridge " + c.network().bridge() + " of host "
                        + c.host() + " is in " + firstCidr.subnet(), "one bridge has one subnet: use addresses of "
                        + firstCidr.subnet() + ", or another bridge");
            }
        }
    }
}
