package dev.provision.resource.lxc;

import java.util.List;
import java.util.Map;

/**
 * What holds an address on a host, for checking a static address at plan time: every container's
 * static address in its config, lxc-net's DHCP range and the leases its DHCP server gave.
 *
 * @param configured every container on the host (bases aside) by name
 * @param dhcpRanges lxc-net's bridge to the first and last address its DHCP server hands out
 * @param leases the DHCP leases on lxc-net's bridge
 */
public record AddressesInUse(Map<String, Configured> configured, Map<String, List<String>> dhcpRanges, List<Lease> leases) {

    public AddressesInUse {
        configured = Map.copyOf(configured);
        dhcpRanges = Map.copyOf(dhcpRanges);
        leases = List.copyOf(leases);
    }

    public static AddressesInUse none() {
        return new AddressesInUse(Map.of(), Map.of(), List.of());
    }

    /**
     * A container on the host as its config says.
     *
     * @param link its bridge, or {@code null}
     * @param ipv4 its static address with prefix, or {@code null} when it uses DHCP
     * @param hostname its {@code lxc.uts.name}, or {@code null}
     */
    public record Configured(String name, String link, String ipv4, String hostname) {}

    /** A DHCP lease: {@code address} given on {@code bridge} to the guest that called itself {@code hostname}. */
    public record Lease(String bridge, String address, String hostname) {}
}
