package dev.provision.apply.lock;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a run waits for a lock another run holds, written as Terraform writes it: a number and a
 * unit, or several ({@code 0}, {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h30m}).
 */
public final class LockTimeout {
    private static final Pattern PART = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
    private static final Pattern WHOLE = Pattern.compile("(\\d{1,9}(ms|s|m|h))+");

    private LockTimeout() {}

    /** The duration {@code text} says; throws {@link IllegalArgumentException} saying what is wrong. */
    public static Duration parse(String text) {
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        if (!WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration; write a number and a unit"
                    + " (ms, s, m or h), e.g. 30s, 5m or 1h30m, or 0 not to wait");
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(text);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
        }
        return total;
    }

    /** {@code duration} as {@link #parse} reads it back: "0", "30s", "5m", "1h30m", "1500ms". */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0";
        }
        if (duration.toMillisPart() != 0) {
            return duration.toMillis() + "ms";
        }
        StringBuilder text = new StringBuilder();
        if (duration.toHours() > 0) {
            text.append(duration.toHours()).append('h');
        }
        if (duration.toMinutesPart() > 0) {
            text.append(duration.toMinutesPart()).append('m');
        }
        if (duration.toSecondsPart() > 0) {
            text.append(duration.toSecondsPart()).append('s');
        }
        return text.toString();
    }
}
