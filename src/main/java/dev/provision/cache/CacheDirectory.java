package dev.provision.cache;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One of the user's cache directories: entries written whole (a reader never sees half of one), read
 * back by key, and never an error: a cache that cannot be read or written is simply not used.
 */
public final class CacheDirectory {
    private final Path dir;

    private CacheDirectory(Path dir) {
        this.dir = dir;
    }

    /**
     * {@code $XDG_CACHE_HOME/provision/NAME}, or {@code ~/.cache/provision/NAME}; the system property
     * {@code provision.cache.dir} replaces {@code .../provision} (the tests use it).
     */
    public static CacheDirectory standard(String name) {
        String configured = System.getProperty("provision.cache.dir");
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = configured != null ? Path.of(configured)
                : xdg != null && !xdg.isBlank() ? Path.of(xdg, "provision")
                : Path.of(System.getProperty("user.home"), ".cache", "provision");
        return new CacheDirectory(base.resolve(name));
    }

    /** A cache that remembers nothing. */
    public static CacheDirectory none() {
        return new CacheDirectory(null);
    }

    public boolean remembers() {
        return dir != null;
    }

    /** The entry under {@code key}, or empty when there is none or it cannot be read. */
    public Optional<String> read(String key) {
        if (dir == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(dir.resolve(key), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes the entry whole (a temporary file moved into place), in a directory only the user reads. */
    public void write(String key, String text) {
        if (dir == null) {
            return;
        }
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path temporary = Files.createTempFile(dir, key, ".tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, dir.resolve(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, dir.resolve(key), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            // not remembered: the next command does the work again
        }
    }

    /**
     * Where each class was loaded from, and that file's time and size: part of a key, so that a cache
     * entry made by another build never matches (nor does any entry when a location cannot be read).
     */
    public static String build(Class<?>... code) {
        StringBuilder build = new StringBuilder();
        for (Class<?> type : code) {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            try {
                Path path = Path.of(source.getLocation().toURI());
                build.append(path).append(' ').append(Files.getLastModifiedTime(path).toMillis()).append(' ')
                        .append(Files.size(path)).append('\n');
            } catch (IOException | URISyntaxException | RuntimeException e) {
                build.append("unknown ").append(System.nanoTime()).append('\n'); // never matches: always a miss
            }
        }
        return build.toString();
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
