package dev.provision.plan;

/** Why a change is planned: the inventory asks for something new, or reality drifted from it. */
public enum Cause {
    INVENTORY,
    DRIFT
}
