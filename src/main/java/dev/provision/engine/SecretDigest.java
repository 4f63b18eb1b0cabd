package dev.provision.engine;

import dev.provision.inventory.SecretRef;
import dev.provision.secret.SecretResolver;
import dev.provision.secret.SecretUnavailable;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A keyed digest of a secret's current value (HMAC-SHA256 with the host's random key, over the
 * resource's address and the value), which provision records beside the desired state it applied so
 * that a later plan can tell a changed secret from a password changed on the server. Without the
 * host's root-only key the digest says nothing of the value, not even to a dictionary; the value and
 * the server's verifier are never recorded.
 */
final class SecretDigest {
    private final byte[] key;
    private final SecretResolver secrets = new SecretResolver();

    /** @param hexKey the host's key as {@link AppliedRecords} read it */
    SecretDigest(String hexKey) {
        this.key = HexFormat.of().parseHex(hexKey);
    }

    /**
     * The digest of the value {@code ref} holds now, for the resource at {@code address}; empty when the
     * value cannot be read without changing anything (a file apply will generate, an unset variable).
     */
    Optional<String> of(String address, SecretRef ref) {
        if (ref.kind() == SecretRef.Kind.FILE && !Files.exists(Path.of(ref.name()))) {
            return Optional.empty();
        }
        char[] value;
        try {
            value = secrets.resolve(ref);
        } catch (SecretUnavailable e) {
            return Optional.empty();
        }
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value));
        byte[] plain = new byte[bytes.remaining()];
        bytes.get(plain);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(address.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Optional.of("hmac-sha256:" + HexFormat.of().formatHex(mac.doFinal(plain)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        } finally {
            Arrays.fill(value, '\0');
            Arrays.fill(plain, (byte) 0);
            if (bytes.hasArray()) {
                Arrays.fill(bytes.array(), (byte) 0);
            }
        }
    }
}
