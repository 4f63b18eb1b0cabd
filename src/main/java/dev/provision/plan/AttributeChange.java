package dev.provision.plan;

/**
 * One attribute that differs between reality and the inventory.
 *
 * @param before the current value, or {@code null} when absent
 * @param after the desired value, or {@code null} when it will be removed
 */
public record AttributeChange(String name, String before, String after) {}
