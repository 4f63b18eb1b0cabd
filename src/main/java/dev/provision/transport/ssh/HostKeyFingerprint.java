package dev.provision.transport.ssh;

import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;

/** A host key as OpenSSH prints it: {@code ssh-ed25519 SHA256:<base64 of the key blob's digest>}. */
final class HostKeyFingerprint {

    private HostKeyFingerprint() {}

    static String of(PublicKey key) {
        byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
        return KeyType.fromKey(key) + " " + sha256(blob);
    }

    /** The fingerprint of a known_hosts key given as its type and base64 blob. */
    static String of(String type, String base64Blob) {
        try {
            return type + " " + sha256(Base64.getDecoder().decode(base64Blob));
        } catch (IllegalArgumentException e) {
            return type + " (unreadable key)";
        }
    }

    private static String sha256(byte[] blob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
