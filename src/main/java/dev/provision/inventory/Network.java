package dev.provision.inventory;

import dev.provision.diag.SourceRange;

/**
 * The container's network interface on a host bridge.
 *
 * @param ipv4 {@code "dhcp"} or an address with prefix such as {@code 10.0.3.50/24}
 * @param gateway required with a static address, {@code null} with DHCP
 */
public record Network(SourceRange at, String bridge, String ipv4, String gateway) {

    public boolean isDhcp() {
        return "dhcp".equals(ipv4);
    }
}
