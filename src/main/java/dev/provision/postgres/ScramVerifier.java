package dev.provision.postgres;

import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ScramMechanism;
import com.ongres.scram.common.StringPreparation;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * Checks a password against a stored {@code SCRAM-SHA-256$iter:salt$StoredKey:ServerKey} verifier,
 * the way the server does at login (RFC 5802/7677), without contacting it. The password is prepared
 * as PostgreSQL prepares it (SASLprep, RFC 4013, falling back to the raw bytes where SASLprep
 * refuses the string), by the SCRAM library pgjdbc itself uses, so a non-ASCII password that the
 * server normalises matches too.
 */
final class ScramVerifier {
    private static final ScramMechanism SCRAM = ScramMechanism.SCRAM_SHA_256;

    private ScramVerifier() {}

    static boolean matches(String verifier, char[] password) {
        if (!verifier.startsWith("SCRAM-SHA-256$")) {
            return false;
        }
        char[] copy = password.clone();
        try {
            String[] parts = verifier.substring("SCRAM-SHA-256$".length()).split("[$:]");
            int iterations = Integer.parseInt(parts[0]);
            byte[] salt = Base64.getDecoder().decode(parts[1]);
            byte[] storedKey = Base64.getDecoder().decode(parts[2]);
            byte[] salted = ScramFunctions.saltedPassword(SCRAM, StringPreparation.POSTGRESQL_PREPARATION, copy, salt, iterations);
            byte[] computed = ScramFunctions.storedKey(SCRAM, ScramFunctions.clientKey(SCRAM, salted));
            Arrays.fill(salted, (byte) 0);
            return MessageDigest.isEqual(computed, storedKey);
        } catch (RuntimeException e) {
            return false;
        } finally {
            Arrays.fill(copy, '\0');
        }
    }
}
