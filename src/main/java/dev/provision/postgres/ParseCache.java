package dev.provision.postgres;

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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Remembers where the statements of a script that parsed without errors begin and end, under a digest
 * of its text and of the parser's build, so that validating an unchanged SQL file costs a file read, not
 * a parser start. Only clean parses are remembered (a script with errors is parsed again, to report them).
 * A cache that cannot be read or written is not used.
 */
final class ParseCache {
    private static final String FORMAT = "provision parse cache 1";

    private final Path dir;

    private ParseCache(Path dir) {
        this.dir = dir;
    }

    /**
     * The user's cache: {@code $XDG_CACHE_HOME/provision/sql}, or {@code ~/.cache/provision/sql}; the
     * system property {@code provision.cache.dir} replaces {@code .../provision} (the tests use it).
     */
    static ParseCache standard() {
        String configured = System.getProperty("provision.cache.dir");
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = configured != null ? Path.of(configured)
                : xdg != null && !xdg.isBlank() ? Path.of(xdg, "provision")
                : Path.of(System.getProperty("user.home"), ".cache", "provision");
        return new ParseCache(base.resolve("sql"));
    }

    /** A cache that remembers nothing. */
    static ParseCache none() {
        return new ParseCache(null);
    }

    Optional<String> key(String text) {
        return dir == null ? Optional.empty() : Optional.of(sha256(FORMAT + "\n" + build() + "\n" + text));
    }

    /** The remembered spans (offset, length) of the statements, or empty. */
    Optional<List<int[]>> get(String key) {
        try {
            List<int[]> spans = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve(key), StandardCharsets.UTF_8)) {
                String[] parts = line.split(" ");
                spans.add(new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])});
            }
            return Optional.of(spans);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    void put(String key, List<int[]> spans) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            StringBuilder text = new StringBuilder();
            spans.forEach(span -> text.append(span[0]).append(' ').append(span[1]).append('\n'));
            Path temporary = Files.createTempFile(dir, key, ".tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, dir.resolve(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, dir.resolve(key), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            // not remembered: the next command parses again
        }
    }

    /** Where provision and the parser were loaded from, and when that was built. */
    private static String build() {
        StringBuilder build = new StringBuilder();
        for (Class<?> code : new Class<?>[] {ParseCache.class, org.pgcodekeeper.core.loader.PgDumpLoader.class}) {
            CodeSource source = code.getProtectionDomain().getCodeSource();
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

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
