package dev.provision.template;

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
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Remembers what a template rendered to without errors, under a digest of the template's text, its
 * variables and the build of the renderer, so that a command whose template and inventory did not
 * change does not start the template engine (a fifth of a no-op plan's time). Only a template that is
 * a pure function of its variables is remembered: one whose expressions may read the clock, random
 * numbers or other files is rendered every time. A cache that cannot be read or written is not used.
 */
final class RenderCache {
    /** Words in a template's expressions that may make its output depend on more than its variables. */
    private static final Pattern IMPURE = Pattern.compile(
            "\\w*(random|shuffle|today|now|timestamp|date|time|uuid)\\w*|\\b(include|import|from|extends|fetch)\\b");
    private static final Pattern EXPRESSION = Pattern.compile("\\{[{%](.*?)[%}]\\}", Pattern.DOTALL);
    private static final String FORMAT = "provision render cache 1";

    private final Path dir;

    private RenderCache(Path dir) {
        this.dir = dir;
    }

    /**
     * The user's cache: {@code $XDG_CACHE_HOME/provision/templates}, or {@code ~/.cache/provision/templates};
     * the system property {@code provision.cache.dir} replaces {@code .../provision} (the tests use it).
     */
    static RenderCache standard() {
        String configured = System.getProperty("provision.cache.dir");
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = configured != null ? Path.of(configured)
                : xdg != null && !xdg.isBlank() ? Path.of(xdg, "provision")
                : Path.of(System.getProperty("user.home"), ".cache", "provision");
        return new RenderCache(base.resolve("templates"));
    }

    /** A cache that remembers nothing. */
    static RenderCache none() {
        return new RenderCache(null);
    }

    /** The key of this rendering, or empty when it must not be remembered. */
    Optional<String> key(String template, Map<String, ?> variables) {
        if (dir == null) {
            return Optional.empty();
        }
        Matcher expressions = EXPRESSION.matcher(template);
        while (expressions.find()) {
            if (IMPURE.matcher(expressions.group(1)).find()) {
                return Optional.empty();
            }
        }
        StringBuilder text = new StringBuilder(FORMAT).append('\n').append(build()).append('\n');
        if (!encode(new TreeMap<String, Object>(variables), text)) {
            return Optional.empty();
        }
        text.append('\n').append(template.length()).append(':').append(template);
        return Optional.of(sha256(text.toString()));
    }

    Optional<String> get(String key) {
        try {
            return Optional.of(Files.readString(dir.resolve(key), StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    void put(String key, String output) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path temporary = Files.createTempFile(dir, key, ".tmp");
            Files.writeString(temporary, output, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, dir.resolve(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, dir.resolve(key), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            // not remembered: the next command renders again
        }
    }

    /**
     * Writes {@code value} so that different values never give the same text (every string carries its
     * length); false for a value of a kind a template variable is not expected to hold.
     */
    private static boolean encode(Object value, StringBuilder out) {
        if (value instanceof String s) {
            out.append('s').append(s.length()).append(':').append(s);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Boolean) {
            out.append(value.getClass().getSimpleName().charAt(0)).append(value).append(';');
        } else if (value instanceof Map<?, ?> map) {
            out.append('m').append(map.size()).append('{');
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!encode(entry.getKey(), out) || !encode(entry.getValue(), out)) {
                    return false;
                }
            }
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            out.append('l').append(list.size()).append('[');
            for (Object item : list) {
                if (!encode(item, out)) {
                    return false;
                }
            }
            out.append(']');
        } else {
            return false;
        }
        return true;
    }

    /** Where the renderer and the template engine were loaded from, and when that was built. */
    private static String build() {
        StringBuilder build = new StringBuilder();
        for (Class<?> code : new Class<?>[] {RenderCache.class, com.hubspot.jinjava.Jinjava.class}) {
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
