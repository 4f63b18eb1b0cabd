package dev.provision.resource.pgserver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A first line that records the digest of what provision wrote, so that a later read can tell a
 * file edited by hand (drift) from a file that is merely older than the inventory.
 */
final class Stamp {
    private static final String PREFIX = "# provision wrote this file; content digest ";

    private Stamp() {}

    static String apply(String content) {
        return PREFIX + digest(content) + "\n" + content;
    }

    /** True when the file carries a stamp and its content still matches it. */
    static boolean intact(String file) {
        if (file == null || !file.startsWith(PREFIX)) {
            return false;
        }
        int newline = file.indexOf('\n');
        String recorded = file.substring(PREFIX.length(), newline).strip();
        return recorded.equals(digest(file.substring(newline + 1)));
    }

    /** The digest recorded in the file's stamp (of what provision last wrote), or {@code null} without a stamp. */
    static String recorded(String file) {
        if (file == null || !file.startsWith(PREFIX)) {
            return null;
        }
        int newline = file.indexOf('\n');
        return newline < 0 ? null : file.substring(PREFIX.length(), newline).strip();
    }

    private static String digest(String content) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
