package dev.provision.postgres;

import dev.provision.cache.CacheDirectory;
import java.util.ArrayList;
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

    private final CacheDirectory dir;

    private ParseCache(CacheDirectory dir) {
        this.dir = dir;
    }

    /** The user's cache of parses: {@code sql} in {@link CacheDirectory#standard}. */
    static ParseCache standard() {
        return new ParseCache(CacheDirectory.standard("sql"));
    }

    /** A cache that remembers nothing. */
    static ParseCache none() {
        return new ParseCache(CacheDirectory.none());
    }

    Optional<String> key(String text) {
        return dir.remembers() ? Optional.of(CacheDirectory.sha256(FORMAT + "\n"
                + CacheDirectory.build(ParseCache.class, org.pgcodekeeper.core.loader.PgDumpLoader.class) + "\n" + text))
                : Optional.empty();
    }

    /** The remembered spans (offset, length) of the statements, or empty. */
    Optional<List<int[]>> get(String key) {
        try {
            Optional<String> text = dir.read(key);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            List<int[]> spans = new ArrayList<>();
            for (String line : text.get().lines().toList()) {
                String[] parts = line.split(" ");
                spans.add(new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])});
            }
            return Optional.of(spans);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    void put(String key, List<int[]> spans) {
        StringBuilder text = new StringBuilder();
        spans.forEach(span -> text.append(span[0]).append(' ').append(span[1]).append('\n'));
        dir.write(key, text.toString());
    }
}
