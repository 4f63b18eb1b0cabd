package dev.provision.plan;

import java.util.List;

/**
 * The immutable result of planning: the changes in the order apply runs them, and the parts of the
 * inventory that this version cannot manage yet (so an empty change list never hides them).
 *
 * @param unmanaged addresses declared in the inventory that were neither read nor planned, each
 *     with the reason
 * @param foreign what the plan found that provision did not create and the inventory does not declare:
 *     never changed nor removed (the JSON's {@code unmanaged_resources})
 */
public record Plan(List<PlannedChange> changes, List<String> unmanaged, List<UnmanagedResource> foreign) {

    public Plan {
        changes = List.copyOf(changes);
        unmanaged = List.copyOf(unmanaged);
        foreign = List.copyOf(foreign);
    }

    public Plan(List<PlannedChange> changes, List<String> unmanaged) {
        this(changes, unmanaged, List.of());
    }

    public boolean hasChanges() {
        return !changes.isEmpty();
    }

    /** Parts of the plan that can only be decided once its changes are applied ({@link Action#READ}). */
    public boolean hasDeferred() {
        return count(Action.READ) > 0;
    }

    public long count(Action action) {
        return changes.stream().filter(c -> c.action() == action).count();
    }
}
