package dev.provision.transport.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one host over SSH: where, as whom, with which keys, which host key to trust, and
 * whether commands run through {@code sudo}.
 *
 * @param address host name or IP address, as written in known_hosts
 * @param port the SSH port, usually 22
 * @param user the login user
 * @param identity the private key file; {@code null} means {@code ~/.ssh/id_ed25519}, else {@code ~/.ssh/id_rsa}
 * @param passphrase where the identity file's passphrase comes from, or {@code null} when it has none
 * @param agentSocket the ssh-agent socket whose keys are tried first, or {@code null} for no agent
 * @param knownHosts the known_hosts file checked strictly; {@code null} means {@code ~/.ssh/known_hosts}
 * @param acceptNewHostKey trust on first use: record an unknown host's key; a changed key is always refused
 * @param jump an open connection to tunnel through, or {@code null} to connect directly
 * @param sudo run every command and upload as root through {@code sudo -n}, for a login user that is not root
 * @param connectTimeout how long to wait for the TCP connection and the SSH handshake
 * @param commandTimeout the timeout for a command whose caller gives none
 */
public record SshSettings(
        String address,
        int port,
        String user,
        Path identity,
        KeyPassphrase passphrase,
        Path agentSocket,
        Path knownHosts,
        boolean acceptNewHostKey,
        SshTransport jump,
        boolean sudo,
        Duration connectTimeout,
        Duration commandTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(10);

    public SshSettings {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SSH port " + port + " is outside 1..65535");
        }
    }

    /** Settings for {@code user@address:port} with default keys, no agent, strict host key checking, no sudo and default timeouts. */
    public static SshSettings of(String address, int port, String user) {
        return new SshSettings(address, port, user, null, null, null, null, false, null, false,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_COMMAND_TIMEOUT);
    }

    public SshSettings withIdentity(Path identity) {
        return new SshSettings(address, port, user, identity, passphrase, agentSocket, knownHosts, acceptNewHostKey, jump, sudo, connectTimeout, commandTimeout);
    }

    public SshSettings withPassphrase(KeyPassphrase passphrase) {
        return new SshSettings(address, port, user, identity, passphrase, agentSocket, knownHosts, acceptNewHostKey, jump, sudo, connectTimeout, commandTimeout);
    }

    public SshSettings withAgentSocket(Path agentSocket) {
        return new SshSettings(address, port, user, identity, passphrase, agentSocket, knownHosts, acceptNewHostKey, jump, sudo, connectTimeout, commandTimeout);
    }

    public SshSettings withKnownHosts(Path knownHosts) {
        return new SshSettings(address, port, user, identity, passphrase, agentSocket, knownHosts, acceptNewHostKey, jump, sudo, connectTimeout, commandTimeout);
    }

    public SshSettings withAcceptNewHostKey(boolean acceptNewHostKey) {
        return new SshSettings(address, port, user, identity, passphrase, agentSocket, knownHosts, acceptNewHostKey, jump, sudo, connectTimeout, commandTimeout);
    }

    public SshSettings withJump(SshTransport jump) {
        return new SshSettings(address, port, user, identity, passphrase, agentSocket, knownHosts, acceptNewHostKey, jump, sudo, connectTimeout, commandTimeout);
    }

    public SshSettings withSudo(boolean sudo) {
        return new SshSettings(address, port, user, identity, passphrase, agentSocket, knownHosts, acceptNewHostKey, jump, sudo, connectTimeout, commandTimeout);
    }

    public SshSettings withConnectTimeout(Duration connectTimeout) {
        return new SshSettings(address, port, user, identity, passphrase, agentSocket, knownHosts, acceptNewHostKey, jump, sudo, connectTimeout, commandTimeout);
    }

    public SshSettings withCommandTimeout(Duration commandTimeout) {
        return new SshSettings(address, port, user, identity, passphrase, agentSocket, knownHosts, acceptNewHostKey, jump, sudo, connectTimeout, commandTimeout);
    }

    /** {@code user@address:port}, with the jump host when there is one. */
    public String describe() {
        String self = user + "@" + address + ":" + port;
        return jump == null ? self : self + " via " + jump.describe();
    }

    /** The known_hosts file actually used. */
    Path knownHostsOrDefault() {
        return knownHosts != null ? knownHosts : Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
    }
}
