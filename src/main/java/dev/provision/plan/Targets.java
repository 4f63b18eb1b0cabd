package dev.provision.plan;

import java.util.List;

/** The {@code --target} addresses; none means everything. */
public record Targets(List<ResourceAddress> addresses) {

    public Targets {
        addresses = List.copyOf(addresses);
    }

    public static Targets all() {
        return new Targets(List.of());
    }

    /** True when {@code address} is selected, or is an ancestor of a selected address (it must exist first). */
    public boolean includes(ResourceAddress address) {
        return addresses.isEmpty()
                || addresses.stream().anyMatch(t -> address.isWithin(t) || t.isWithin(address));
    }
}
