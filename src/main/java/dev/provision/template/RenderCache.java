package dev.provision.template;

import dev.provision.cache.CacheDirectory;
import java.util.Collection;
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

    private final CacheDirectory dir;

    private RenderCache(CacheDirectory dir) {
        this.dir = dir;
    }

    /** The user's cache of renderings: {@code templates} in {@link CacheDirectory#standard}. */
    static RenderCache standard() {
        return new RenderCache(CacheDirectory.standard("templates"));
    }

    /** A cache that remembers nothing. */
    static RenderCache none() {
        return new RenderCache(CacheDirectory.none());
    }

    /** The key of this rendering, or empty when it must not be remembered. */
    Optional<String> key(String template, Map<String, ?> variables) {
        if (!dir.remembers()) {
            return Optional.empty();
        }
        Matcher expressions = EXPRESSION.matcher(template);
        while (expressions.find()) {
            if (IMPURE.matcher(expressions.group(1)).find()) {
                return Optional.empty();
            }
        }
        StringBuilder text = new StringBuilder(FORMAT).append('\n').append(CacheDirectory.build(RenderCache.class, com.hubspot.jinjava.Jinjava.class)).append('\n');
        if (!encode(new TreeMap<String, Object>(variables), text)) {
            return Optional.empty();
        }
        text.append('\n').append(template.length()).append(':').append(template);
        return Optional.of(CacheDirectory.sha256(text.toString()));
    }

    Optional<String> get(String key) {
        return dir.read(key);
    }

    void put(String key, String output) {
        dir.write(key, output);
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
}
