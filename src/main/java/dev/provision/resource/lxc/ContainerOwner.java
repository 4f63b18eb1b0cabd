package dev.provision.resource.lxc;

import dev.provision.host.HostPaths;
import dev.provision.inventory.Inventory;
import dev.provision.plan.Step;
import java.time.Duration;
import java.util.List;

/**
 * Which inventory a container belongs to: the absolute path of the inventory file that declared it,
 * recorded on the host in {@link HostPaths#MARKERS}{@code /NAME.owner}. Several inventories can share a
 * host; a container is removed only by the inventory that owns it, once that inventory stops
 * declaring it.
 */
public final class ContainerOwner {
    static final String DIRECTORY = HostPaths.MARKERS + "/";
    private static final Duration SHORT = Duration.ofSeconds(60);

    private ContainerOwner() {}

    /** The identity recorded for containers {@code inventory} declares. */
    public static String of(Inventory inventory) {
        return inventory.file().toAbsolutePath().normalize().toString();
    }

    /** The step that records {@code owner} as the owner of container {@code name}. */
    static Step record(String host, String name, String owner) {
        return new Step.Run(host, List.of("sh", "-c", "mkdir -p " + DIRECTORY + " && printf '%s\\n' \"$2\" > \"" + DIRECTORY
                + "$1.owner.tmp\" && mv \"" + DIRECTORY + "$1.owner.tmp\" \"" + DIRECTORY + "$1.owner\"", "provision-own", name, owner),
                null, SHORT, "record that " + owner + " declares " + name, false);
    }

    /** The step that forgets container {@code name} (after it was destroyed). */
    static Step forget(String host, String name) {
        return new Step.Run(host, List.of("rm", "-f", DIRECTORY + name + ".applied", DIRECTORY + name + ".owner"), null, SHORT,
                "forget " + name, false);
    }
}
