package dev.provision.resource.lxc;

import java.util.Map;

/**
 * What one read of a host returns: which of the packages provision may install are there, the cgroup
 * layout, the bridges and every declared container.
 *
 * @param packages the packages of {@link HostPackages} found installed
 * @param osId the ID of the host's /etc/os-release ({@code debian}, {@code ubuntu}), or {@code null}
 * @param forwardBlocked interfaces ("-i br", "-o br") that the firewall lets through, when its FORWARD
 *     policy drops everything else (as Docker sets it); {@code null} when forwarding is not blocked
 * @param lxcNetDhcpDown lxc-net says its bridge is up but the bridge's DHCP server (its dnsmasq) is not running
 * @param bridges bridge name to its IPv4 address with prefix, or {@code null} when the bridge is down or missing
 * @param overlaySnapshots LXC can clone with an overlay snapshot here (overlayfs available, and the LXC
 *     path on a filesystem it can use as an upper layer)
 * @param bases the bases asked about, by name
 * @param owned the containers provision created on this host, by name, with the inventory that declared them
 * @param existing the name of every container on the host
 * @param addresses what holds an address on the host, for checking static addresses
 * @param now the host's clock when it was read (ISO, UTC, to the minute), or {@code null} when unknown
 */
public record HostState(
        String host,
        java.util.Set<String> packages,
        String osId,
        boolean cgroupV2,
        String lxcPath,
        java.util.Set<String> forwardBlocked,
        boolean lxcNetDhcpDown,
        Map<String, String> bridges,
        Map<String, ContainerState> containers,
        boolean overlaySnapshots,
        Map<String, BaseState> bases,
        Map<String, OwnedContainer> owned,
        java.util.Set<String> existing,
        AddressesInUse addresses,
        String now) {

    public HostState {
        packages = java.util.Set.copyOf(packages);
        bridges = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(bridges));
        containers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(containers));
        bases = Map.copyOf(bases);
        owned = Map.copyOf(owned);
        existing = java.util.Set.copyOf(existing);
    }

    public BaseState base(String name) {
        return bases.getOrDefault(name, BaseState.absent(name));
    }

    public ContainerState container(String name) {
        return containers.getOrDefault(name, ContainerState.absent(name, false));
    }
}
