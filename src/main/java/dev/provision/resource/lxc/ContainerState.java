package dev.provision.resource.lxc;

import java.util.List;

/**
 * What a host says about one container: whether it exists, whether it runs, its addresses and its
 * configuration file.
 *
 * @param state the lxc-info state (RUNNING, STOPPED, ...), or {@code null} when absent
 * @param config the configuration file, or {@code null} when absent
 * @param appliedBefore absent, but provision created it earlier: it was destroyed outside provision
 * @param incomplete an apply was interrupted while creating it: whatever exists is unfinished and holds no data
 */
public record ContainerState(
        String name, boolean present, String state, List<String> ipv4, LxcConfig config, boolean appliedBefore,
        boolean incomplete) {

    public ContainerState {
        ipv4 = List.copyOf(ipv4);
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
