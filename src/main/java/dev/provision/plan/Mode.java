package dev.provision.plan;

/** What a plan is for: making reality match the inventory, or removing what it declares. */
public enum Mode {
    APPLY,
    DESTROY
}
