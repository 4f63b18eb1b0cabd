package dev.provision.plan;

import java.util.Objects;

/**
 * Where a resource lives, as a dotted path that mirrors the inventory, such as
 * {@code containers.event-store} or {@code containers.event-store.postgres}.
 *
 * <p>A target given with {@code --target} selects an address and everything under it.
 */
public record ResourceAddress(String path) implements Comparable<ResourceAddress> {

    public ResourceAddress {
        Objects.requireNonNull(path, "path");
    }

    public static ResourceAddress of(String first, String... more) {
        return new ResourceAddress(first + (more.length == 0 ? "" : "." + String.join(".", more)));
    }

    public ResourceAddress child(String name) {
        return new ResourceAddress(path + "." + name);
    }

    /** True when this address is {@code target} or lies under it. */
    public boolean isWithin(ResourceAddress target) {
        return path.equals(target.path) || path.startsWith(target.path + ".");
    }

    @Override
    public int compareTo(ResourceAddress other) {
        return path.compareTo(other.path);
    }

    @Override
    public String toString() {
        return path;
    }
}
