package dev.provision.resource.lxc;

import java.util.List;
import java.util.Map;

/**
 * What a host says about one container: whether it exists, whether it runs, its addresses and its
 * configuration file.
 *
 * @param state the lxc-info state (RUNNING, STOPPED, ...), or {@code null} when absent
 * @param config the configuration file, or {@code null} when absent
 * @param appliedBefore absent, but provision created it earlier: it was destroyed outside provision
 * @param incomplete an apply was interrupted while creating it: whatever exists is unfinished and holds no data
 * @param live the limits in force in a running container's cgroups, by the config key that sets each
 *     (such as {@code lxc.cgroup2.memory.max}); empty when it is not running
 */
public record ContainerState(
        String name, boolean present, String state, List<String> ipv4, LxcConfig config, boolean appliedBefore,
        boolean incomplete, Map<String, String> live) {

    public ContainerState {
        ipv4 = List.copyOf(ipv4);
        live = Map.copyOf(live);
    }

    public ContainerState(String name, boolean present, String state, List<String> ipv4, LxcConfig config,
            boolean appliedBefore, boolean incomplete) {
        this(name, present, state, ipv4, config, appliedBefore, incomplete, Map.of());
    }

    public static ContainerState absent(String name, boolean appliedBefore) {
        return new ContainerState(name, false, null, List.of(), null, appliedBefore, false);
    }

    public static ContainerState incomplete(String name) {
        return new ContainerState(name, false, null, List.of(), null, false, true);
    }

    public boolean running() {
        return "RUNNING".equals(state);
    }
}
