package dev.provision.incus;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/** Where an Incus server's REST API answers: an HTTPS address with its pinned certificate, or the local Unix socket. */
public sealed interface IncusEndpoint {

    /** A short name for messages, such as {@code https://10.0.0.5:8443} or {@code unix:/var/lib/incus/unix.socket}. */
    String describe();

    /**
     * The API over HTTPS at {@code base}; the server must present the certificate whose SHA-256
     * fingerprint is {@code fingerprint} (lower-case hex, with or without colons).
     */
    record Https(URI base, String fingerprint) implements IncusEndpoint {
        public Https {
            Objects.requireNonNull(base, "base");
            fingerprint = normalise(Objects.requireNonNull(fingerprint, "fingerprint"));
            if (!fingerprint.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("a certificate fingerprint is 64 hex digits (SHA-256); got "
                        + fingerprint.length() + " characters");
            }
        }

        @Override
        public String describe() {
            return base.toString();
        }
    }

    /** The API on the server's own Unix socket, usually {@code /var/lib/incus/unix.socket}. */
    record Socket(Path path) implements IncusEndpoint {
        public Socket {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String describe() {
            return "unix:" + path;
        }
    }

    /** Lower-case hex without separators. */
    static String normalise(String fingerprint) {
        return fingerprint.replace(":", "").strip().toLowerCase(Locale.ROOT);
    }
}
