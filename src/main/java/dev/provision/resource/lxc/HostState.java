package dev.provision.resource.lxc;

import java.util.Map;

/**
 * What one read of a host returns: whether LXC is installed, the cgroup layout, the bridges and every
 * declared container.
 *
 * @param forwardBlocked interfaces ("-i br", "-o br") that the firewall lets through, when its FORWARD
 *     policy drops everything else (as Docker sets it); {@code null} when forwarding is not blocked
 * @param lxcNetDhcpDown lxc-net says its bridge is up but the bridge's DHCP server (its dnsmasq) is not running
 * @param bridges bridge name to its IPv4 address with prefix, or {@code null} when the bridge is down or missing
 * @param overlaySnapshots LXC can clone with an overlay snapshot here (overlayfs available, and the LXC
 *     path on a filesystem it can use as an upper layer)
 * @param bases the bases asked about, by name
 * @param addresses what holds an address on the host, for checking static addresses
 */
public record HostState(
        String host,
        boolean lxcInstalled,
        boolean debootstrapInstalled,
        boolean cgroupV2,
        String lxcPath,
        java.util.Set<String> forwardBlocked,
        boolean lxcNetDhcpDown,
        Map<String, String> bridges,
        Map<String, ContainerState> containers,
        boolean overlaySnapshots,
        Map<String, BaseState> bases,
        AddressesInUse addresses) {

    public HostState {
        bridges = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(bridges));
        containers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(containers));
        bases = Map.copyOf(bases);
    }

    public BaseState base(String name) {
        return bases.getOrDefault(name, BaseState.absent(name));
    }

    public ContainerState container(String name) {
        return containers.getOrDefault(name, ContainerState.absent(name, false));
    }
}
