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
        String sshConfig) {

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
