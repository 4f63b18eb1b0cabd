package dev.provision.inventory;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/** Reads a container's {@code network}: a bridge, and DHCP or a static IPv4 address with its gateway. */
final class NetworkParser {
    static final String DEFAULT_BRIDGE = "lxcbr0";
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern CIDR = Pattern.compile("([0-9.]+)/(\\d{1,2})");

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
        long[] subnet = cidr(ipv4);
        if (subnet == null) {
            problems.error(f.value("ipv4"), "ipv4 must be dhcp or an address with prefix length, not \"" + ipv4 + "\"",
                    "write dhcp, or an address such as 10.0.3.50/24");
        }
        if (gateway == null) {
            problems.error(f.key("ipv4"), what + " has a static address but no gateway", "add gateway, e.g. gateway: 10.0.3.1");
        } else {
            Long gw = address(gateway);
            if (gw == null) {
                problems.error(f.value("gateway"), "gateway must be an IPv4 address, not \"" + gateway + "\"",
                        "write an address such as 10.0.3.1");
            } else if (subnet != null && (gw & subnet[1]) != (subnet[0] & subnet[1])) {
                problems.error(f.value("gateway"), "gateway " + gateway + " is outside the subnet of " + ipv4,
                        "use a gateway on the container's subnet, or fix the prefix length");
            }
        }
        return new Network(problems.at(node), bridge, ipv4, gateway);
    }

    /** {address, netmask} of an {@code a.b.c.d/n} text, or null. */
    static long[] cidr(String text) {
        Matcher m = CIDR.matcher(text);
        if (!m.matches()) {
            return null;
        }
        Long address = address(m.group(1));
        int prefix = Integer.parseInt(m.group(2));
        if (address == null || prefix < 1 || prefix > 32) {
            return null;
        }
        return new long[] {address, (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL};
    }

    /** The IPv4 address as an unsigned 32-bit number, or null. */
    static Long address(String text) {
        Matcher m = IPV4.matcher(text);
        if (!m.matches()) {
            return null;
        }
        long value = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                return null;
            }
            value = (value << 8) | octet;
        }
        return value;
    }
}
