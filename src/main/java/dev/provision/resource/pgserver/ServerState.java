package dev.provision.resource.pgserver;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one read of a container's PostgreSQL server returns.
 *
 * @param containerRunning false when the container is absent or stopped: nothing else is known
 * @param installUnfinished the wanted version's binaries are there but its package is not configured or its
 *     cluster is missing: an install was cut short, or is still running
 * @param cluster {@code absent}, {@code online} or {@code down}
 * @param files file name (postgresql.conf, pg_hba.conf, postgresql.auto.conf) to its content
 * @param contexts parameter name to its pg_settings context, when the server runs
 * @param pendingRestart parameters whose new value waits for a restart
 * @param hostAddress the host's IPv4 address on the container's bridge (where the admin tunnel comes from), or empty
 * @param adminReady the host keeps the admin secret and the server has the admin role
 */
public record ServerState(
        String hostAddress,
        boolean adminReady,
        boolean containerRunning,
        List<Integer> installed,
        boolean installUnfinished,
        List<Integer> available,
        Set<String> locales,
        String cluster,
        String pid,
        Map<String, String> files,
        Map<String, String> contexts,
        Set<String> pendingRestart) {

    public ServerState {
        installed = List.copyOf(installed);
        available = List.copyOf(available);
        locales = Set.copyOf(locales);
        files = Map.copyOf(files);
        contexts = Map.copyOf(contexts);
        pendingRestart = Set.copyOf(pendingRestart);
    }

    public static ServerState containerDown(String hostAddress) {
        return new ServerState(hostAddress, false, false, List.of(), false, List.of(), Set.of(), "absent", "", Map.of(), Map.of(), Set.of());
    }

    public boolean online() {
        return "online".equals(cluster);
    }
}
