package dev.provision.plan;

/**
 * Why a change is planned: the inventory asks for something new, reality drifted from what provision
 * last applied, or both. {@link CauseRule} decides it for every kind of resource.
 */
public enum Cause {
    INVENTORY,
    DRIFT,
    BOTH
}
