package dev.provision.inventory;

import dev.provision.diag.SourceRange;

/**
 * An LXC host, reached over SSH or, when {@code transport: local}, this machine itself.
 *
 * @param port the SSH port; {@code 0} when not declared (then {@code ~/.ssh/config}'s Port, else 22)
 * @param user the SSH login; {@code null} when not declared (then {@code ~/.ssh/config}'s User, else root)
 * @param knownHosts the known_hosts file checked strictly; {@code null} means {@code ~/.ssh/known_hosts}
 * @param acceptNewHostKey trust on first use: record an unknown host's key (a changed key is still refused)
 * @param jump the name of another declared host to connect through, or {@code null}
 * @param prepare install lxc and bring up its bridge when missing
 * @param identityPassphrase where the identity file's passphrase comes from, or {@code null}
 * @param become how commands get root: {@code sudo}, {@code none}, or automatic (sudo for a login that is not root)
 * @param sshConfig the OpenSSH client configuration read for {@code address}; {@code null} means {@code ~/.ssh/config}
 * @param baseMaxAge a base prepared longer ago than this is rebuilt before it is cloned; zero: never
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
        boolean prepare,
        SecretRef identityPassphrase,
        Become become,
        String sshConfig,
        java.time.Duration baseMaxAge) {

    /** How old a base may be, unless {@code base_max_age} says otherwise: a month of package updates. */
    public static final java.time.Duration DEFAULT_BASE_MAX_AGE = java.time.Duration.ofDays(30);

    /** A host whose bases may be {@link #DEFAULT_BASE_MAX_AGE} old. */
    public Host(String name, SourceRange at, TransportKind transport, String address, int port, String user, String identity,
            String knownHosts, boolean acceptNewHostKey, String jump, boolean prepare, SecretRef identityPassphrase,
            Become become, String sshConfig) {
        this(name, at, transport, address, port, user, identity, knownHosts, acceptNewHostKey, jump, prepare,
                identityPassphrase, become, sshConfig, DEFAULT_BASE_MAX_AGE);
    }

    public enum TransportKind { SSH, LOCAL }

    /** How commands get root on an SSH host. */
    public enum Become {
        /** {@code sudo} when the login user is not root, nothing when it is root. */
        AUTO,
        /** Every command, upload and lxc-attach through {@code sudo -n}. */
        SUDO,
        /** Commands run as the login user, who must be root or able to do everything itself. */
        NONE
    }
}
