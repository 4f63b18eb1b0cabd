package dev.provision.apply.lock;

import dev.provision.plan.Action;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.HostWide;
import dev.provision.plan.Step;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which locks a plan's changes need: a container's changes lock that container on its host; host-wide
 * changes (host preparation, bridges, a change that prepares a base) also lock the host.
 */
public final class LockScopes {
    private LockScopes() {}

    /** Every scope the plan's changes need, by host. */
    public static Map<String, Set<LockScope>> of(Plan plan) {
        Map<String, Set<LockScope>> byHost = new TreeMap<>();
        for (PlannedChange change : plan.changes()) {
            for (LockScope scope : of(change)) {
                byHost.computeIfAbsent(scope.host(), h -> new TreeSet<>()).add(scope);
            }
        }
        return byHost;
    }

    /** The scopes one change needs; none for a part that is only read later. */
    public static Set<LockScope> of(PlannedChange change) {
        Set<LockScope> scopes = new LinkedHashSet<>();
        if (change.action() == Action.READ) {
            return scopes;
        }
        String[] segments = change.address().path().split("\\.");
        boolean containerChange = segments.length >= 2 && segments[0].equals("containers");
        for (Step step : change.steps()) {
            if (containerChange) {
                scopes.add(LockScope.container(step.host(), segments[1]));
            }
            if (!containerChange || HostWide.changedBy(change)) {
                scopes.add(LockScope.host(step.host()));
            }
        }
        return scopes;
    }
}
