package dev.provision.resource.lxc;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Whether a base is too old to clone: its preparation time against the host's clock, both as the host reads them. */
final class BaseAge {
    private BaseAge() {}

    /**
     * Why a base prepared at {@code preparedAt} is too old at {@code now} ({@code prepared 2026-10-01T09:00Z,
     * more than 30d ago}), or {@code null} when it is not, when {@code maxAge} is zero (never too old) or
     * when either time is unknown or unreadable (a base is never rebuilt on a guess).
     */
    static String tooOld(String preparedAt, String now, Duration maxAge) {
        if (maxAge == null || maxAge.isZero() || preparedAt == null || now == null) {
            return null;
        }
        try {
            Instant prepared = parse(preparedAt);
            Instant at = parse(now);
            if (Duration.between(prepared, at).compareTo(maxAge) <= 0) {
                return null;
            }
            return "was prepared " + preparedAt + ", more than " + format(maxAge) + " ago";
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code 2026-10-01T09:00Z}, the probe's format, to the minute. */
    private static Instant parse(String text) {
        return Instant.parse(text.endsWith("Z") && text.length() == 17 ? text.replace("Z", ":00Z") : text);
    }

    private static String format(Duration age) {
        return age.toHours() % 24 == 0 ? age.toDays() + "d" : age.toHours() + "h";
    }
}
