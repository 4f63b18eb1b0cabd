package dev.provision.inventory;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IPv4 address with its prefix length, such as {@code 10.0.3.50/24}, and the subnet it lies in.
 *
 * @param address the address as an unsigned 32-bit number
 * @param prefix the prefix length, 1 to 32
 */
public record Ipv4Cidr(long address, int prefix) {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern CIDR = Pattern.compile("([0-9.]+)/(\\d{1,2})");

    /** lxc-net's default bridge and subnet, as Debian's lxc package sets them up. */
    public static final String DEFAULT_BRIDGE = "lxcbr0";
    public static final Ipv4Cidr DEFAULT_BRIDGE_ADDRESS = new Ipv4Cidr(parseAddress("10.0.3.1").orElseThrow(), 24);

    /** The address and prefix of an {@code a.b.c.d/n} text, if it is one. */
    public static Optional<Ipv4Cidr> parse(String text) {
        Matcher m = CIDR.matcher(text == null ? "" : text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int prefix = Integer.parseInt(m.group(2));
        return parseAddress(m.group(1)).filter(a -> prefix >= 1 && prefix <= 32).map(a -> new Ipv4Cidr(a, prefix));
    }

    /** The address of an {@code a.b.c.d} text as an unsigned 32-bit number, if it is one. */
    public static Optional<Long> parseAddress(String text) {
        Matcher m = IPV4.matcher(text == null ? "" : text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long value = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                return Optional.empty();
            }
            value = (value << 8) | octet;
        }
        return Optional.of(value);
    }

    /** The dotted text of an unsigned 32-bit address. */
    public static String format(long address) {
        return (address >>> 24 & 255) + "." + (address >>> 16 & 255) + "." + (address >>> 8 & 255) + "." + (address & 255);
    }

    public long netmask() {
        return (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    /** The subnet's first address, which names the network itself. */
    public long network() {
        return address & netmask();
    }

    /** The subnet's last address, its broadcast address. */
    public long broadcast() {
        return network() | (~netmask() & 0xFFFFFFFFL);
    }

    /** True when {@code other} lies in this address's subnet. */
    public boolean contains(long other) {
        return (other & netmask()) == network();
    }

    /** True when the two subnets are the same (same network, same prefix). */
    public boolean sameSubnet(Ipv4Cidr other) {
        return prefix == other.prefix && network() == other.network();
    }

    /** True for a subnet with a network and a broadcast address (prefix 30 or shorter). */
    public boolean hasNetworkAndBroadcast() {
        return prefix <= 30;
    }

    /** The subnet, as {@code 10.0.3.0/24}. */
    public String subnet() {
        return format(network()) + "/" + prefix;
    }

    /** The address alone, without its prefix. */
    public String host() {
        return format(address);
    }

    @Override
    public String toString() {
        return host() + "/" + prefix;
    }
}
