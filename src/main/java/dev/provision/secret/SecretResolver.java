package dev.provision.secret;

import dev.provision.inventory.SecretRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * Turns a secret reference into its value at the last moment. A file reference marked
 * {@code generate} gets a random value, written readable by its owner only, when the file is missing.
 * Messages name the reference, never the value.
 */
public final class SecretResolver {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    public char[] resolve(SecretRef ref) {
        return switch (ref.kind()) {
            case ENV -> fromEnv(ref);
            case FILE -> fromFile(ref);
        };
    }

    private static char[] fromEnv(SecretRef ref) {
        String value = System.getenv(ref.name());
        if (value == null || value.isEmpty()) {
            throw new SecretUnavailable(ref.at() + ": the environment variable " + ref.name() + " is not set;"
                    + " export it before running provision, or use password: { file: PATH, generate: true }");
        }
        return value.toCharArray();
    }

    private static char[] fromFile(SecretRef ref) {
        Path path = Path.of(ref.name());
        try {
            if (!Files.exists(path) && ref.generate()) {
                generate(path);
            }
            if (!Files.exists(path)) {
                throw new SecretUnavailable(ref.at() + ": the secret file " + path + " does not exist; create it"
                        + " (readable by its owner only), or add generate: true to let provision create it");
            }
            String text = Files.readString(path, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                throw new SecretUnavailable(ref.at() + ": the secret file " + path + " is empty; write the secret in it");
            }
            return text.toCharArray();
        } catch (IOException e) {
            throw new SecretUnavailable(ref.at() + ": cannot read the secret file " + path + ": " + e.getMessage());
        }
    }

    private static void generate(Path path) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (!Files.exists(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        StringBuilder value = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            value.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        try {
            Files.writeString(Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                    value + "\n");
        } catch (FileAlreadyExistsException e) {
            // another run generated it first: use theirs
        }
    }
}
