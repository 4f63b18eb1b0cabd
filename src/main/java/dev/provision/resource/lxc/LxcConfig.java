package dev.provision.resource.lxc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An LXC container configuration file as lines, so the keys provision manages can be read and
 * rewritten while every other line (the template's, the user's) is kept as it was.
 */
public final class LxcConfig {
    private static final String MANAGED_PREFIX = "# Managed by provision, desired state ";

    private final List<String> lines;

    private LxcConfig(List<String> lines) {
        this.lines = List.copyOf(lines);
    }

    public static LxcConfig parse(String text) {
        return new LxcConfig(text.isEmpty() ? List.of() : List.of(text.split("\n", -1)));
    }

    /** Every value of {@code key}, in file order. */
    public List<String> values(String key) {
        List<String> values = new ArrayList<>();
        for (String line : lines) {
            String[] kv = keyValue(line);
            if (kv != null && kv[0].equals(key)) {
                values.add(kv[1]);
            }
        }
        return values;
    }

    /** The values of the given keys that are present, as key to values in file order. */
    public Map<String, List<String>> select(Set<String> keys) {
        Map<String, List<String>> selected = new LinkedHashMap<>();
        for (String line : lines) {
            String[] kv = keyValue(line);
            if (kv != null && keys.contains(kv[0])) {
                selected.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(kv[1]);
            }
        }
        return selected;
    }

    /** The value of a {@code # Name: value} comment written by lxc-create, or {@code null}. */
    public String comment(String name) {
        String prefix = "# " + name + ":";
        for (String line : lines) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).strip();
            }
        }
        return null;
    }

    /** The fingerprint of the desired state last written by provision, or {@code null} if never. */
    public String managedFingerprint() {
        for (String line : lines) {
            if (line.startsWith(MANAGED_PREFIX)) {
                String rest = line.substring(MANAGED_PREFIX.length());
                int colon = rest.indexOf(':');
                return colon < 0 ? rest.strip() : rest.substring(0, colon).strip();
            }
        }
        return null;
    }

    private static String[] keyValue(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return null;
        }
        int eq = trimmed.indexOf('=');
        if (eq < 0) {
            return null;
        }
        return new String[] {trimmed.substring(0, eq).strip(), trimmed.substring(eq + 1).strip()};
    }
}
