package dev.provision.transport.ssh;

import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.common.LoggerFactory;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a server's host key against one known_hosts file, strictly: an unknown key is refused
 * unless trust on first use was asked for, and a changed key is always refused. The reason for a
 * refusal is kept so that the connection error can say exactly what was expected and presented.
 */
final class KnownHostsVerifier extends OpenSSHKnownHosts {

    private final Path file;
    private final boolean acceptNew;
    private volatile String refusal;

    KnownHostsVerifier(Path file, boolean acceptNew) throws IOException {
        super(file.toFile(), LoggerFactory.DEFAULT);
        this.file = file;
        this.acceptNew = acceptNew;
    }

    /** Why the last host key was refused, as a complete message; {@code null} when none was. */
    String refusal() {
        return refusal;
    }

    @Override
    protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
        String presented = HostKeyFingerprint.of(key);
        if (!acceptNew) {
            String port = hostname.startsWith("[") ? hostname.substring(hostname.lastIndexOf(':') + 1) : "22";
            String host = hostname.startsWith("[") ? hostname.substring(1, hostname.indexOf(']')) : hostname;
            refusal = "the host key of " + hostname + " is not in " + file + " (it presented " + presented
                    + "); no session was opened. Check the fingerprint with the host's administrator, then add it with "
                    + "`ssh-keyscan -p " + port + " " + host + " >> " + file
                    + "`, or set accept_new_host_key: true to trust it on first use";
            return false;
        }
        try {
            HostEntry entry = new HostEntry(null, hostname, KeyType.fromKey(key), key);
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            write(entry);
            entries().add(entry);
            return true;
        } catch (IOException e) {
            refusal = "cannot record the new host key of " + hostname + " (" + presented + ") in " + file + ": "
                    + e.getMessage() + "; no session was opened";
            return false;
        }
    }

    @Override
    protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
        KeyType type = KeyType.fromKey(key);
        List<String> expected = new ArrayList<>();
        for (KnownHostEntry entry : entries()) {
            try {
                if (entry.appliesTo(type, hostname)) {
                    expected.add(fingerprintOf(entry.getLine()));
                }
            } catch (IOException e) {
                // An unreadable entry just goes unmentioned.
            }
        }
        refusal = "HOST KEY CHANGED for " + hostname + ": " + file + " expects " + String.join(" or ", expected)
                + " but the host presented " + HostKeyFingerprint.of(key)
                + "; no session was opened and nothing ran. If the host was rebuilt, remove the old key with "
                + "`ssh-keygen -R '" + hostname + "' -f " + file + "` and connect again; otherwise someone may be "
                + "intercepting the connection";
        return false;
    }

    /** The fingerprint of a known_hosts line: {@code [@marker] hosts type base64 [comment]}. */
    private static String fingerprintOf(String line) {
        String[] fields = line.trim().split("\\s+");
        int typeField = fields[0].startsWith("@") ? 2 : 1;
        if (fields.length <= typeField + 1) {
            return "an unreadable entry";
        }
        return HostKeyFingerprint.of(fields[typeField], fields[typeField + 1]);
    }
}
