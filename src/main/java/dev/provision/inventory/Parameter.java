package dev.provision.inventory;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One PostgreSQL run-time parameter as {@code pg_settings} describes it.
 *
 * @param unit the base unit of an integer or real value ({@code 8kB}, {@code kB}, {@code MB},
 *     {@code B}, {@code ms}, {@code s}, {@code min}), or {@code null} when it has none
 * @param min the smallest value in {@code unit}, or {@code null} for strings, booleans and enums
 * @param max the largest value in {@code unit}, or {@code null}
 * @param enumValues the allowed values of an enum parameter (without hidden aliases such as
 *     {@code true} for {@code on}); empty otherwise
 * @param category the group in the documentation, e.g. {@code Resource Usage / Memory}
 */
public record Parameter(
        String name,
        Context context,
        Type type,
        String unit,
        Double min,
        Double max,
        List<String> enumValues,
        String category) {

    private static final Set<String> MEMORY_UNITS = Set.of("B", "kB", "8kB", "MB");
    private static final Set<String> TIME_UNITS = Set.of("us", "ms", "s", "min");

    public Parameter {
        enumValues = List.copyOf(enumValues);
    }

    /** The value type, as {@code pg_settings.vartype} names it. */
    public enum Type { BOOL, INTEGER, REAL, STRING, ENUM }

    /**
     * When a parameter can change, as {@code pg_settings.context} says: this decides whether a
     * change needs a restart, a reload, or can be set per database.
     */
    public enum Context {
        INTERNAL, POSTMASTER, SIGHUP, SUPERUSER_BACKEND, BACKEND, SUPERUSER, USER;

        static Context of(String pgName) {
            return valueOf(pgName.toUpperCase(Locale.ROOT).replace('-', '_'));
        }

        /** The name PostgreSQL uses, e.g. {@code superuser-backend}. */
        public String pgName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** A changed value takes effect only after a server restart. */
        public boolean needsRestart() {
            return this == POSTMASTER;
        }

        /** The parameter may be set with {@code ALTER DATABASE ... SET}. */
        public boolean settablePerDatabase() {
            return this == USER || this == SUPERUSER;
        }
    }

    /** The value is an amount of memory or disk, in {@link #unit()}. */
    public boolean isSize() {
        return unit != null && MEMORY_UNITS.contains(unit);
    }

    /** The value is a duration, in {@link #unit()}. */
    public boolean isTime() {
        return unit != null && TIME_UNITS.contains(unit);
    }

    /**
     * The value is memory the server takes from the container (as opposed to disk, such as
     * {@code max_wal_size}), so it cannot sensibly exceed the container's memory limit.
     */
    public boolean usesMemory() {
        return isSize() && ("Resource Usage / Memory".equals(category)
                || Set.of("effective_cache_size", "wal_buffers", "wal_decode_buffer_size").contains(name));
    }
}
