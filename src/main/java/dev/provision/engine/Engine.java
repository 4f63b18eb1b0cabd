package dev.provision.engine;

import dev.provision.inventory.Container;
import dev.provision.inventory.Inventory;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.ResourceAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans by asking each driver in dependency order (hosts, then containers, then what runs in them),
 * and records what the inventory declares but no driver manages yet, so a plan never claims
 * "no changes" for something it did not look at.
 */
public final class Engine {
    private final List<ResourceDriver> drivers;

    public Engine(List<ResourceDriver> drivers) {
        this.drivers = List.copyOf(drivers);
    }

    public Plan plan(Inventory inventory, Connections connections, Targets targets, Mode mode) {
        List<PlannedChange> changes = new ArrayList<>();
        List<ResourceDriver> ordered = mode == Mode.DESTROY ? reversed(drivers) : drivers;
        for (ResourceDriver driver : ordered) {
            changes.addAll(driver.plan(inventory, connections, targets, mode, List.copyOf(changes)));
        }
        return new Plan(changes, unmanaged(inventory, targets));
    }

    private static List<String> unmanaged(Inventory inventory, Targets targets) {
        List<String> unmanaged = new ArrayList<>();
        for (Container container : inventory.containers().values()) {
            ResourceAddress postgres = ResourceAddress.of("containers", container.name(), "postgres");
            boolean declaresContents = container.postgres() != null
                    && (!container.postgres().roles().isEmpty() || !container.postgres().databases().isEmpty());
            if (declaresContents && targets.includes(postgres)) {
                unmanaged.add(postgres + ": roles, databases and grants are not managed by this version yet");
            }
        }
        return unmanaged;
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
