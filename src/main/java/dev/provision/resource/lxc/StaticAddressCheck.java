package dev.provision.resource.lxc;

import dev.provision.inventory.Container;
import dev.provision.inventory.Ipv4Cidr;
import java.util.List;
import java.util.Optional;

/**
 * Checks a container's static address against its host at plan time: another container holding it is
 * an error (two containers with one address cut each other off); an address lxc-net's DHCP server may
 * hand out is a warning. Pure: works on what the host probe read.
 */
final class StaticAddressCheck {
    private StaticAddressCheck() {}

    /** What holds {@code container}'s static address on its host besides it, if anything. */
    static Optional<String> conflict(Container container, HostState host) {
        Optional<Ipv4Cidr> address = address(container);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        String ip = address.get().host();
        String bridge = container.network().bridge();
        for (AddressesInUse.Configured other : host.addresses().configured().values()) {
            if (other.name().equals(container.name()) || other.ipv4() == null || !bridge.equals(other.link())) {
                continue;
            }
            if (Ipv4Cidr.parse(other.ipv4()).map(Ipv4Cidr::host).filter(ip::equals).isPresent()) {
                return Optional.of("container " + other.name() + " on host " + container.host() + " has " + ip
                        + " as its static address (lxc.net.0.ipv4.address)");
            }
        }
        for (ContainerState other : host.containers().values()) {
            if (!other.name().equals(container.name()) && other.running() && other.ipv4().contains(ip)) {
                return Optional.of("container " + other.name() + " on host " + container.host() + " is using " + ip);
            }
        }
        for (AddressesInUse.Lease lease : host.addresses().leases()) {
            if (lease.bridge().equals(bridge) && lease.address().equals(ip)) {
                Optional<AddressesInUse.Configured> holder = host.addresses().configured().values().stream()
                        .filter(c -> !c.name().equals(container.name()) && c.ipv4() == null)
                        .filter(c -> lease.hostname().equals(c.hostname()) || lease.hostname().equals(c.name()))
                        .findFirst();
                if (holder.isPresent()) {
                    return Optional.of("container " + holder.get().name() + " on host " + container.host() + " was given "
                            + ip + " by lxc-net's DHCP server (a lease in /var/lib/misc/dnsmasq." + bridge + ".leases)");
                }
            }
        }
        return Optional.empty();
    }

    /** A warning when {@code container}'s static address lies in the DHCP range of lxc-net on its bridge. */
    static Optional<String> dhcpWarning(Container container, HostState host) {
        Optional<Ipv4Cidr> address = address(container);
        List<String> range = host.addresses().dhcpRanges().get(container.network().bridge());
        if (address.isEmpty() || range == null) {
            return Optional.empty();
        }
        Optional<Long> first = Ipv4Cidr.parseAddress(range.get(0));
        Optional<Long> last = Ipv4Cidr.parseAddress(range.get(1));
        long ip = address.get().address();
        if (first.isEmpty() || last.isEmpty() || ip < first.get() || ip > last.get()) {
            return Optional.empty();
        }
        return Optional.of("warning: " + address.get().host() + " is inside lxc-net's DHCP range " + range.get(0) + "-"
                + range.get(1) + " on " + container.network().bridge() + " (LXC_DHCP_RANGE in /etc/default/lxc-net), so its"
                + " DHCP server may give it to another container too; pick an address outside the range, or narrow it");
    }

    private static Optional<Ipv4Cidr> address(Container container) {
        return container.network() == null || container.network().isDhcp() ? Optional.empty()
                : Ipv4Cidr.parse(container.network().ipv4());
    }
}
