package dev.provision.transport.ssh;

import java.nio.file.Path;

/**
 * What an SSH client configuration says about one {@code Host} alias; {@code null} where it says nothing.
 *
 * @param hostName the real host name or address ({@code HostName})
 * @param port the port ({@code Port})
 * @param user the login ({@code User})
 * @param identity the first {@code IdentityFile}, with {@code ~} expanded
 * @param proxyJump the {@code ProxyJump} hops, comma-separated, each {@code [user@]host[:port]} or an alias
 */
public record SshConfigHost(String hostName, Integer port, String user, Path identity, String proxyJump) {
}
