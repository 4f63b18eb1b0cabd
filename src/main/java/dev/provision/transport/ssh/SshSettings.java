package dev.provision.transport.ssh;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one host over SSH: where, as whom, with which key, and which host key to trust.
 *
 * @param address host name or IP address, as written in known_hosts
 * @param port the SSH port, usually 22
 * @param user the login user
 * @param identity the private key file; {@code null} means {@code ~/.ssh/id_ed25519}, else {@code ~/.ssh/id_rsa}
 * @param knownHosts the known_hosts file checked strictly; {@code null} means {@code ~/.ssh/known_hosts}
 * @param acceptNewHostKey trust on first use: record an unknown host's key; a changed key is always refused
 * @param jump an open connection to tunnel through, or {@code null} to connect directly
 * @param connectTimeout how long to wait for the TCP connection and the SSH handshake
 * @param commandTimeout the timeout for a command whose caller gives none
 */
public record SshSettings(
        String address,
        int port,
        String user,
        Path identity,
        Path knownHosts,
        boolean acceptNewHostKey,
        SshTransport jump,
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

    /** Settings for {@code user@address:port} with default keys, strict host key checking and default timeouts. */
    public static SshSettings of(String address, int port, String user) {
        return new SshSettings(address, port, user, null, null, false, null,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_COMMAND_TIMEOUT);
    }

    public SshSettings withIdentity(Path identity) {
        return new SshSettings(address, port, user, identity, knownHosts, acceptNewHostKey, jump, connectTimeout, commandTimeout);
    }

    public SshSettings withKnownHosts(Path knownHosts) {
        return new SshSettings(address, port, user, identity, knownHosts, acceptNewHostKey, jump, connectTimeout, commandTimeout);
    }

    public SshSettings withAcceptNewHostKey(boolean acceptNewHostKey) {
        return new SshSettings(address, port, user, identity, knownHosts, acceptNewHostKey, jump, connectTimeout, commandTimeout);
    }

    public SshSettings withJump(SshTransport jump) {
        return new SshSettings(address, port, user, identity, knownHosts, acceptNewHostKey, jump, connectTimeout, commandTimeout);
    }

    public SshSettings withConnectTimeout(Duration connectTimeout) {
        return new SshSettings(address, port, user, identity, knownHosts, acceptNewHostKey, jump, connectTimeout, commandTimeout);
    }

    public SshSettings withCommandTimeout(Duration commandTimeout) {
        return new SshSettings(address, port, user, identity, knownHosts, acceptNewHostKey, jump, connectTimeout, commandTimeout);
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
