package dev.provision.transport.ssh;

import dev.provision.transport.TransportException;
import org.apache.sshd.client.config.hosts.HostConfigEntry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An OpenSSH client configuration ({@code ~/.ssh/config}), read with Apache MINA SSHD's parser, that
 * turns a {@code Host} alias into where and how to connect.
 *
 * <p>Only what provision uses is taken: HostName, Port, User, IdentityFile and ProxyJump. Like
 * OpenSSH, the first value of each keyword among the matching {@code Host} blocks wins.
 */
public final class SshConfigFile {

    private final Path path;
    private final List<HostConfigEntry> entries;

    private SshConfigFile(Path path, List<HostConfigEntry> entries) {
        this.path = path;
        this.entries = entries;
    }

    /** Reads {@code path}; a file that does not exist is an empty configuration, as for OpenSSH. */
    public static SshConfigFile read(Path path) {
        if (!Files.exists(path)) {
            // Without a file the parser's classes are never loaded: nothing to pay for at start-up.
            return new SshConfigFile(path, List.of());
        }
        try {
            return new SshConfigFile(path, List.copyOf(HostConfigEntry.readHostConfigEntries(path)));
        } catch (IOException | RuntimeException e) {
            throw new TransportException("cannot read the SSH client configuration " + path + ": " + e.getMessage()
                    + "; fix the file, or point ssh_config in the inventory to another one", e);
        }
    }

    /** {@code ~/.ssh/config} of the user running provision. */
    public static Path defaultPath() {
        return Path.of(System.getProperty("user.home"), ".ssh", "config");
    }

    /** What the configuration says for {@code alias}; each part is {@code null} (or empty) when it says nothing. */
    public SshConfigHost lookup(String alias) {
        if (entries.isEmpty()) {
            return new SshConfigHost(null, null, null, null, null);
        }
        List<HostConfigEntry> matching = HostConfigEntry.findMatchingEntries(alias, entries);
        String hostName = first(matching, HostConfigEntry.HOST_NAME_CONFIG_PROP);
        String port = first(matching, HostConfigEntry.PORT_CONFIG_PROP);
        String user = first(matching, HostConfigEntry.USER_CONFIG_PROP);
        String identity = first(matching, HostConfigEntry.IDENTITY_FILE_CONFIG_PROP);
        String jump = first(matching, HostConfigEntry.PROXY_JUMP_CONFIG_PROP);
        Integer portNumber = null;
        if (port != null) {
            try {
                portNumber = Integer.valueOf(port.strip());
            } catch (NumberFormatException e) {
                throw new TransportException(path + ": Port \"" + port + "\" for " + alias + " is not a number; fix the file");
            }
        }
        String home = System.getProperty("user.home");
        Path identityPath = null;
        if (identity != null) {
            // Several IdentityFile lines are joined with commas by the parser; the first is the one provision uses.
            String file = identity.split(",")[0].strip();
            identityPath = Path.of(file.startsWith("~/") ? home + file.substring(1) : file);
        }
        return new SshConfigHost(hostName == null ? null : hostName.replace("%h", alias), portNumber, user, identityPath,
                jump == null || "none".equalsIgnoreCase(jump.strip()) ? null : jump.strip());
    }

    private static String first(List<HostConfigEntry> matching, String keyword) {
        for (HostConfigEntry entry : matching) {
            String value = entry.getProperty(keyword);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
