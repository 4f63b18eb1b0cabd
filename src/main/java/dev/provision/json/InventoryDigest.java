package dev.provision.json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-256 of an inventory file's bytes, which ties a saved plan to the inventory it was made from. */
public final class InventoryDigest {
    private InventoryDigest() {}

    /** The hex digest, or {@code null} when the file cannot be read (the loader reports why). */
    public static String of(Path inventory) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(inventory));
            return HexFormat.of().formatHex(hash);
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
