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
        Map<String, ContainerState> containers) {

    public HostState {
        bridges = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(bridges));
        containers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(containers));
    }

    public ContainerState container(String name) {
        return containers.getOrDefault(name, ContainerState.absent(name, false));
    }
}
