package dev.provision.transport.ssh;

import com.jcraft.jsch.Identity;
import dev.provision.transport.TransportException;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Logs a connected client in with a key, the way OpenSSH does: first the keys of ssh-agent, then the
 * identity file, unlocked with its passphrase when it has one.
 *
 * <p>Every failure names its cause: no key at all, an encrypted key without a passphrase, a wrong
 * passphrase, an unreadable agent, or keys that the host refused.
 */
final class KeyAuthenticator {

    private final SshSettings settings;
    private final String who;

    KeyAuthenticator(SshSettings settings) {
        this.settings = settings;
        this.who = settings.describe();
    }

    /** Authenticates {@code client}, or throws a {@link TransportException} that says what failed and what to do. */
    void authenticate(SSHClient client) {
        List<String> refused = new ArrayList<>();
        List<byte[]> refusedByHost = new ArrayList<>();
        String agentProblem = null;
        if (settings.agentSocket() != null) {
            try {
                if (loginWithAgent(client, refused, refusedByHost)) {
                    return;
                }
            } catch (IllegalStateException e) {
                agentProblem = e.getMessage();
            }
        }
        List<Path> files = identityFiles();
        for (Path file : files) {
            byte[] blob = publicBlob(Path.of(file + ".pub"));
            if (blob != null && refusedByHost.stream().anyMatch(r -> Arrays.equals(r, blob))) {
                continue; // the same key, already refused through the agent: no passphrase needed to know that
            }
            KeyProvider key = unlock(client, file, agentProblem);
            try {
                client.authPublickey(settings.user(), key);
                return;
            } catch (UserAuthException e) {
                refused.add(file.toString());
            } catch (IOException | RuntimeException e) {
                throw new TransportException(who + ": cannot authenticate with " + file + ": " + message(e), e);
            }
        }
        throw new TransportException(who + ": " + failure(refused, agentProblem));
    }

    private boolean loginWithAgent(SSHClient client, List<String> refused, List<byte[]> refusedByHost) {
        List<Identity> keys = preferred(SshAgent.keys(settings.agentSocket()));
        for (Identity key : keys) {
            AgentKeyAuth auth = new AgentKeyAuth(key);
            try {
                client.auth(settings.user(), auth);
                return true;
            } catch (UserAuthException e) {
                refused.add("ssh-agent key " + auth.keyName());
                refusedByHost.add(key.getPublicKeyBlob());
            } catch (IOException e) {
                throw new TransportException(who + ": cannot authenticate with ssh-agent key " + auth.keyName() + ": " + message(e), e);
            }
        }
        return false;
    }

    /** The agent's keys, the one matching the identity file's {@code .pub} first (a host counts every key offered). */
    private List<Identity> preferred(List<Identity> keys) {
        if (settings.identity() == null) {
            return keys;
        }
        byte[] wanted = publicBlob(Path.of(settings.identity() + ".pub"));
        if (wanted == null) {
            return keys;
        }
        List<Identity> ordered = new ArrayList<>();
        keys.stream().filter(k -> Arrays.equals(k.getPublicKeyBlob(), wanted)).forEach(ordered::add);
        keys.stream().filter(k -> !Arrays.equals(k.getPublicKeyBlob(), wanted)).forEach(ordered::add);
        return ordered;
    }

    private static byte[] publicBlob(Path pub) {
        try {
            String[] fields = Files.readString(pub).trim().split("\\s+");
            return fields.length >= 2 ? Base64.getDecoder().decode(fields[1]) : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The declared identity file, or the default ones that exist. */
    private List<Path> identityFiles() {
        if (settings.identity() != null) {
            if (!Files.isReadable(settings.identity())) {
                throw new TransportException(who + ": cannot read the identity file " + settings.identity()
                        + "; check the identity path in the inventory (or IdentityFile in the SSH config)");
            }
            return List.of(settings.identity());
        }
        Path ssh = Path.of(System.getProperty("user.home"), ".ssh");
        return List.of(ssh.resolve("id_ed25519"), ssh.resolve("id_rsa")).stream().filter(Files::isReadable).toList();
    }

    /**
     * Loads and, when it is encrypted, decrypts the key now, so that a passphrase problem is reported as
     * such and not as a key the host refused.
     */
    private KeyProvider unlock(SSHClient client, Path file, String agentProblem) {
        AskedFinder finder = new AskedFinder(settings.passphrase());
        try {
            KeyProvider key = client.loadKeys(file.toString(), finder);
            key.getPrivate();
            key.getPublic();
            return key;
        } catch (IOException | RuntimeException e) {
            if (finder.asked && settings.passphrase() == null) {
                throw new TransportException(who + ": the key " + file + " is protected by a passphrase and none is available"
                        + (agentProblem != null ? " (" + agentProblem + ")" : settings.agentSocket() == null
                                ? " (no ssh-agent: SSH_AUTH_SOCK is not set)" : " (ssh-agent does not hold it)")
                        + "; add it to ssh-agent (ssh-add " + file + ") and set SSH_AUTH_SOCK,"
                        + " or declare identity_passphrase: { env: NAME } or { file: PATH } for the host", e);
            }
            if (finder.asked && finder.failure != null) {
                throw new TransportException(who + ": cannot read the passphrase of the key " + file + ": "
                        + finder.failure.getMessage(), finder.failure);
            }
            if (finder.asked) {
                throw new TransportException(who + ": the passphrase from " + settings.passphrase().reference()
                        + " does not unlock the key " + file + " (wrong passphrase); correct the secret, or load the key"
                        + " into ssh-agent with ssh-add", e);
            }
            throw new TransportException(who + ": cannot read the key " + file + ": " + message(e)
                    + "; it must be a private key in OpenSSH, PEM or PuTTY format", e);
        }
    }

    private String failure(List<String> refused, String agentProblem) {
        String agent = agentProblem == null ? "" : agentProblem + "; ";
        if (refused.isEmpty()) {
            Path ssh = Path.of(System.getProperty("user.home"), ".ssh");
            return agent + "no key to log in with: " + (settings.agentSocket() == null ? "SSH_AUTH_SOCK is not set, "
                    : "ssh-agent holds no key, ") + "and neither " + ssh.resolve("id_ed25519") + " nor "
                    + ssh.resolve("id_rsa") + " exists; load a key into ssh-agent, or set identity in the inventory";
        }
        return agent + "the host refused " + String.join(", ", refused) + " for user " + settings.user()
                + "; add the public key to ~" + settings.user() + "/.ssh/authorized_keys on the host";
    }

    private static String message(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** Hands sshj the passphrase once and remembers that the key asked for one. */
    private static final class AskedFinder implements PasswordFinder {
        private final KeyPassphrase passphrase;
        boolean asked;
        RuntimeException failure;

        AskedFinder(KeyPassphrase passphrase) {
            this.passphrase = passphrase;
        }

        @Override
        public char[] reqPassword(Resource<?> resource) {
            asked = true;
            if (passphrase == null) {
                return null;
            }
            try {
                return passphrase.value().get();
            } catch (RuntimeException e) {
                failure = e;
                return null;
            }
        }

        @Override
        public boolean shouldRetry(Resource<?> resource) {
            return false;
        }
    }
}
