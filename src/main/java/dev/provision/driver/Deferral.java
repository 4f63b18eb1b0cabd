package dev.provision.driver;

import dev.provision.plan.PlanningFailed;

import dev.provision.plan.Action;
import dev.provision.plan.Cause;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.ResourceAddress;
import java.util.List;

/**
 * A resource that cannot be read until earlier changes of the plan are applied (its container is
 * stopped, or has no address yet): the plan shows it as {@link Action#READ}, and apply plans it once
 * those changes are done. Without such an earlier change there is nothing to wait for, and the
 * failure to read is an error.
 */
public final class Deferral {
    private Deferral() {}

    /** True when an earlier change creates or replaces {@code resource}: there is nothing to read, all is new. */
    public static boolean created(List<PlannedChange> earlier, ResourceAddress resource) {
        return earlier.stream().anyMatch(c -> c.address().equals(resource)
                && (c.action() == Action.CREATE || c.action() == Action.REPLACE));
    }

    /** True when an earlier change touches {@code resource} or what is inside it. */
    public static boolean pending(List<PlannedChange> earlier, ResourceAddress resource) {
        return earlier.stream().anyMatch(c -> c.address().isWithin(resource));
    }

    /** True when an earlier change already defers {@code resource} or what contains it. */
    public static boolean deferred(List<PlannedChange> earlier, ResourceAddress resource) {
        return earlier.stream().anyMatch(c -> c.action() == Action.READ && resource.isWithin(c.address()));
    }

    /**
     * The deferral of {@code resource}, which waits for the earlier changes to {@code container};
     * throws {@link PlanningFailed} when there are none, with {@code why} as the reason it cannot be read.
     */
    public static PlannedChange of(List<PlannedChange> earlier, ResourceAddress container, ResourceAddress resource,
            String why) {
        if (!pending(earlier, container)) {
            throw new PlanningFailed(resource + " cannot be read: " + why + ", and nothing in this plan changes that;"
                    + " run plan without --target to include " + container + ", or start it");
        }
        return new PlannedChange(resource, Action.READ, Cause.DRIFT,
                why + "; it waits for the changes to " + container + " above",
                List.of(), List.of(), List.of());
    }
}
