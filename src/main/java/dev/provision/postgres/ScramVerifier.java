package dev.provision.postgres;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a password against a stored {@code SCRAM-SHA-256$iter:salt$StoredKey:ServerKey} verifier,
 * the way the server does at login (RFC 5802/7677), without contacting it.
 */
final class ScramVerifier {
    private ScramVerifier() {}

    static boolean matches(String verifier, char[] password) {
        if (!verifier.startsWith("SCRAM-SHA-256$")) {
            return false;
        }
        try {
            String[] parts = verifier.substring("SCRAM-SHA-256$".length()).split("[$:]");
            int iterations = Integer.parseInt(parts[0]);
            byte[] salt = Base64.getDecoder().decode(parts[1]);
            byte[] storedKey = Base64.getDecoder().decode(parts[2]);
            // SASLprep is the identity for the ASCII passwords provision generates and most users choose.
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
            byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            spec.clearPassword();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salted, "HmacSHA256"));
            byte[] clientKey = mac.doFinal("Client Key".getBytes(StandardCharsets.US_ASCII));
            byte[] computed = MessageDigest.getInstance("SHA-256").digest(clientKey);
            return MessageDigest.isEqual(computed, storedKey);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
