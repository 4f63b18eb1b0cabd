package dev.provision.inventory;

import dev.provision.diag.SourceRange;

/**
 * An LXC host, reached over SSH or, when {@code transport: local}, this machine itself.
 *
 * @param knownHosts the known_hosts file checked strictly; {@code null} means {@code ~/.ssh/known_hosts}
 * @param acceptNewHostKey trust on first use: record an unknown host's key (a changed key is still refused)
 * @param jump the name of another declared host to connect through, or {@code null}
 * @param prepare install lxc and bring up its bridge when missing
 */
public record Host(
        String name,
        SourceRange at,
        TransportKind transport,
        String address,
        int port,
        String user,
        String identity,
        String knownHosts,
        boolean acceptNewHostKey,
        String jump,
        boolean prepare) {

    public enum TransportKind { SSH, LOCAL }
}
