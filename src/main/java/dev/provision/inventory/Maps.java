package dev.provision.inventory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Immutable copies of maps that keep insertion order, the order the user wrote. */
final class Maps {
    private Maps() {}

    static <K, V> Map<K, V> ordered(Map<K, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
