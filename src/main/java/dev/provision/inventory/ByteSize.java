package dev.provision.inventory;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a container memory size such as {@code 512MiB}, {@code 2GiB}, {@code 1G} or {@code 512MB}.
 *
 * <p>Every unit is binary (1MB = 1MiB = 1024 KiB), as PostgreSQL and LXC count memory, so the
 * same text means the same amount in {@code resources.memory} and in {@code shared_buffers}.
 */
final class ByteSize {
    static final List<String> UNITS = List.of("B", "K", "KB", "KiB", "kB", "M", "MB", "MiB", "G", "GB", "GiB", "T", "TB", "TiB");

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([A-Za-z]*)");
    private static final Map<Character, Long> MULTIPLIERS = Map.of(
            'B', 1L, 'K', 1L << 10, 'k', 1L << 10, 'M', 1L << 20, 'G', 1L << 30, 'T', 1L << 40);

    private ByteSize() {}

    /** The size in bytes, or empty when the text is not a number followed by one of {@link #UNITS}. */
    static OptionalLong parse(String text) {
        Matcher matcher = SIZE.matcher(text.strip());
        if (!matcher.matches() || !UNITS.contains(matcher.group(2))) {
            return OptionalLong.empty();
        }
        long multiplier = MULTIPLIERS.get(matcher.group(2).charAt(0));
        BigDecimal bytes = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(multiplier));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(bytes.longValue());
    }

    /** Renders bytes the way people read them: {@code 2GiB}, {@code 512MiB}, {@code 1.5GiB}. */
    static String format(long bytes) {
        String[] units = {"TiB", "GiB", "MiB", "KiB"};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << (10 * (units.length - i));
            if (bytes >= unit) {
                double value = (double) bytes / unit;
                return value == Math.rint(value) ? (long) value + units[i]
                        : String.format(Locale.ROOT, "%.1f", value).replace(".0", "") + units[i];
            }
        }
        return bytes + "B";
    }
}
