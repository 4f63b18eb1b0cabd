package dev.provision.resource.lxc;

import dev.provision.plan.AttributeChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Compares the limits a container's config sets with those in force in its running cgroups, which
 * {@code lxc-cgroup} (or a write to the cgroup's files) changes without touching the config. Pure.
 */
final class LiveLimits {
    /** The kernel keeps memory limits in whole pages. */
    private static final long PAGE = 4096;

    private LiveLimits() {}

    /**
     * The declared limits whose value in force differs, as {@code "KEY (in force)"} from the live value
     * to the declared one; a limit whose live value was not read is not compared.
     */
    static List<AttributeChange> drift(Map<String, List<String>> desired, Map<String, String> live) {
        List<AttributeChange> changes = new ArrayList<>();
        for (String key : new TreeSet<>(live.keySet())) {
            List<String> declared = desired.get(key);
            if (declared == null || declared.size() != 1) {
                continue;
            }
            String want = declared.get(0);
            if (!same(key, live.get(key), want)) {
                changes.add(new AttributeChange(key + " (in force)", live.get(key), want));
            }
        }
        return changes;
    }

    /** The cgroup file a config key sets: {@code lxc.cgroup2.memory.max} sets {@code memory.max}. */
    static String controllerFile(String configKey) {
        return configKey.replaceFirst("^lxc\\.cgroup2?\\.", "");
    }

    /** The config key of an attribute {@link #drift} made. */
    static String configKey(AttributeChange change) {
        return change.name().replace(" (in force)", "");
    }

    private static boolean same(String key, String live, String declared) {
        if (key.endsWith("memory.max") || key.endsWith("memory.limit_in_bytes")) {
            try {
                long bytes = Long.parseLong(declared);
                return live.equals(String.valueOf(bytes - bytes % PAGE));
            } catch (NumberFormatException e) {
                return live.equals(declared);
            }
        }
        return live.strip().equals(declared.strip());
    }
}
