package dev.provision.cli;

import dev.provision.apply.OperationFailed;

import dev.provision.inventory.Host;
import dev.provision.secret.SecretResolver;
import dev.provision.transport.LoggedTransport;
import dev.provision.transport.Transport;
import dev.provision.transport.TransportException;
import dev.provision.transport.ssh.KeyPassphrase;
import dev.provision.transport.ssh.SshConfigFile;
import dev.provision.transport.ssh.SshConfigHost;
import dev.provision.transport.ssh.SshSettings;
import dev.provision.transport.ssh.SshTransport;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens the SSH connection of a declared host. Each setting comes from the inventory when it is
 * declared, else from the SSH client configuration for the host's address (a {@code Host} alias),
 * else from OpenSSH's defaults; keys come from ssh-agent ({@code SSH_AUTH_SOCK}) first.
 */
final class SshHosts {
    /** One ProxyJump hop: {@code [user@]host[:port]}. */
    private static final Pattern HOP = Pattern.compile("(?:([^@]+)@)?([^:@]+)(?::(\\d{1,5}))?");

    private final Path agentSocket;
    private final SecretResolver secrets = new SecretResolver();

    /** @param agentSocket the ssh-agent socket ({@code SSH_AUTH_SOCK}), or {@code null} for none */
    SshHosts(Path agentSocket) {
        this.agentSocket = agentSocket;
    }

    Transport open(Host host, Function<String, Transport> hosts) {
        Path configPath = host.sshConfig() != null ? expand(host.sshConfig()) : SshConfigFile.defaultPath();
        SshConfigFile config = SshConfigFile.read(configPath);
        SshConfigHost alias = config.lookup(host.address());
        String user = host.user() != null ? host.user() : alias.user() != null ? alias.user() : "root";
        Path identity = host.identity() != null ? expand(host.identity()) : alias.identity();
        boolean sudo = host.become() == Host.Become.SUDO || (host.become() == Host.Become.AUTO && !"root".equals(user));
        SshSettings settings = base(alias, host.address(), host.port() != 0 ? host.port() : null, user, identity, host)
                .withSudo(sudo);
        if (host.identityPassphrase() != null) {
            settings = settings.withPassphrase(new KeyPassphrase(host.identityPassphrase().toString(),
                    () -> secrets.resolve(host.identityPassphrase())));
        }
        if (host.jump() != null) {
            Transport jump = hosts.apply(host.jump());
            if (jump instanceof LoggedTransport logged) {
                jump = logged.delegate();
            }
            if (!(jump instanceof SshTransport sshJump)) {
                throw new OperationFailed("host " + host.name() + ": jump host " + host.jump() + " must be reached over SSH");
            }
            return SshTransport.connect(settings.withJump(sshJump));
        }
        if (alias.proxyJump() == null) {
            return SshTransport.connect(settings);
        }
        SshTransport hops = openHops(config, configPath, alias.proxyJump(), host);
        try {
            return SshTransport.connect(settings.withJump(hops)).owningJump();
        } catch (RuntimeException e) {
            hops.close();
            throw e;
        }
    }

    /** Connects the ProxyJump hops in order, each through the one before; the last one is returned. */
    private SshTransport openHops(SshConfigFile config, Path configPath, String proxyJump, Host host) {
        SshTransport previous = null;
        try {
            for (String hop : proxyJump.split(",")) {
                Matcher m = HOP.matcher(hop.strip());
                if (!m.matches()) {
                    throw new TransportException(configPath + ": ProxyJump hop \"" + hop.strip() + "\" of " + host.address()
                            + " is not [user@]host[:port]; fix the file");
                }
                SshConfigHost hopAlias = config.lookup(m.group(2));
                String user = m.group(1) != null ? m.group(1) : hopAlias.user() != null ? hopAlias.user() : "root";
                SshSettings hopSettings = base(hopAlias, m.group(2), m.group(3) == null ? null : Integer.valueOf(m.group(3)),
                        user, hopAlias.identity(), host);
                SshTransport next = SshTransport.connect(previous == null ? hopSettings : hopSettings.withJump(previous));
                previous = previous == null ? next : next.owningJump();
            }
            return previous;
        } catch (RuntimeException e) {
            if (previous != null) {
                previous.close();
            }
            throw e;
        }
    }

    private SshSettings base(SshConfigHost alias, String name, Integer port, String user, Path identity, Host host) {
        String address = alias.hostName() != null ? alias.hostName() : name;
        int resolvedPort = port != null ? port : alias.port() != null ? alias.port() : 22;
        return SshSettings.of(address, resolvedPort, user)
                .withIdentity(identity)
                .withAgentSocket(agentSocket)
                .withKnownHosts(host.knownHosts() == null ? null : expand(host.knownHosts()))
                .withAcceptNewHostKey(host.acceptNewHostKey());
    }

    /** A path with a leading {@code ~/} taken as the home directory of the user running provision. */
    static Path expand(String path) {
        return Path.of(path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path);
    }
}
