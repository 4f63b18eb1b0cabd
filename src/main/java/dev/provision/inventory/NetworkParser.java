package dev.provision.inventory;

import org.yaml.snakeyaml.nodes.Node;

/** Reads a container's {@code network}: a bridge, and DHCP or a static IPv4 address with its gateway. */
final class NetworkParser {
    static final String DEFAULT_BRIDGE = Ipv4Cidr.DEFAULT_BRIDGE;

    private final Problems problems;

    NetworkParser(Problems problems) {
        this.problems = problems;
    }

    /** The network of {@code container}; DHCP on {@value #DEFAULT_BRIDGE} when {@code node} is null. */
    Network parse(Node node, Node owner, String container) {
        if (node == null) {
            return new Network(problems.at(owner), DEFAULT_BRIDGE, "dhcp", null);
        }
        String what = "network of container \"" + container + "\"";
        Fields f = Fields.open(node, InventoryKeys.NETWORK, what, problems).orElse(null);
        if (f == null) {
            return null;
        }
        String bridge = f.text("bridge", DEFAULT_BRIDGE);
        if (!SafeNames.BRIDGE.matcher(bridge).matches()) {
            problems.error(f.value("bridge"), "bridge \"" + bridge + "\" is not a valid interface name",
                    "use at most 15 letters, digits, '.', '_' or '-'");
        }
        String ipv4 = f.text("ipv4", "dhcp");
        String gateway = f.text("gateway");
        if (ipv4.equals("dhcp")) {
            if (gateway != null) {
                problems.error(f.key("gateway"), "gateway is set but " + what + " uses DHCP",
                        "remove gateway, or set ipv4 to an address such as 10.0.3.50/24");
            }
            return new Network(problems.at(node), bridge, ipv4, null);
        }
        Ipv4Cidr address = Ipv4Cidr.parse(ipv4).orElse(null);
        if (address == null) {
            problems.error(f.value("ipv4"), "ipv4 must be dhcp or an address with prefix length, not \"" + ipv4 + "\"",
                    "write dhcp, or an address such as 10.0.3.50/24");
        }
        boolean unusable = address != null && !usable(f, bridge, address);
        if (gateway == null) {
            problems.error(f.key("ipv4"), what + " has a static address but no gateway", "add gateway, e.g. gateway: 10.0.3.1");
        } else {
            Long gw = Ipv4Cidr.parseAddress(gateway).orElse(null);
            if (gw == null) {
                problems.error(f.value("gateway"), "gateway must be an IPv4 address, not \"" + gateway + "\"",
                        "write an address such as 10.0.3.1");
            } else if (address != null && !address.contains(gw)) {
                problems.error(f.value("gateway"), "gateway " + gateway + " is outside the subnet of " + ipv4,
                        "use a gateway on the container's subnet, or fix the prefix length");
            } else if (address != null && !unusable && gw == address.address()) {
                problems.error(f.value("ipv4"), "ipv4 " + ipv4 + " is the gateway's address, the bridge's own",
                        "give the container a free address in " + address.subnet());
            }
        }
        return new Network(problems.at(node), bridge, ipv4, gateway);
    }

    /**
     * A static address must be usable on its bridge: not the subnet's network or broadcast address, and
     * for lxc-net's {@value Ipv4Cidr#DEFAULT_BRIDGE} inside the subnet it sets up, not the bridge's own address.
     * Reports what is wrong and returns false when it is not.
     */
    private boolean usable(Fields f, String bridge, Ipv4Cidr address) {
        Node at = f.value("ipv4");
        boolean usable = true;
        if (address.hasNetworkAndBroadcast() && address.address() == address.network()) {
            problems.error(at, "ipv4 " + address + " is the network address of " + address.subnet() + ", which no host can use",
                    "pick an address between " + Ipv4Cidr.format(address.network() + 1) + " and "
                            + Ipv4Cidr.format(address.broadcast() - 1));
            usable = false;
        } else if (address.hasNetworkAndBroadcast() && address.address() == address.broadcast()) {
            problems.error(at, "ipv4 " + address + " is the broadcast address of " + address.subnet() + ", which no host can use",
                    "pick an address between " + Ipv4Cidr.format(address.network() + 1) + " and "
                            + Ipv4Cidr.format(address.broadcast() - 1));
            usable = false;
        }
        Ipv4Cidr lxcNet = Ipv4Cidr.DEFAULT_BRIDGE_ADDRESS;
        if (!bridge.equals(Ipv4Cidr.DEFAULT_BRIDGE)) {
            return usable;
        }
        if (!address.sameSubnet(lxcNet)) {
            problems.error(at, "ipv4 " + address + " is outside " + lxcNet.subnet() + ", the subnet of bridge "
                    + bridge + " (lxc-net's default)", "use an address in " + lxcNet.subnet() + " with prefix /"
                    + lxcNet.prefix() + ", or put the container on a bridge of that subnet");
            return false;
        } else if (address.address() == lxcNet.address()) {
            problems.error(at, "ipv4 " + address + " is the address of bridge " + bridge + " itself",
                    "give the container a free address in " + lxcNet.subnet() + ", such as 10.0.3.50/24");
            return false;
        }
        return usable;
    }

    /** {address, netmask} of an {@code a.b.c.d/n} text, or null. */
    static long[] cidr(String text) {
        return Ipv4Cidr.parse(text).map(c -> new long[] {c.address(), c.netmask()}).orElse(null);
    }
}
