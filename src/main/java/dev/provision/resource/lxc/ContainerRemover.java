package dev.provision.resource.lxc;

import dev.provision.plan.Action;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Cause;
import dev.provision.plan.Hazard;
import dev.provision.plan.HazardKind;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.ResourceAddress;
import dev.provision.plan.Step;
import dev.provision.plan.UnmanagedResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides what happens to the containers on a host that the inventory does not declare: those this
 * inventory created ({@link ContainerOwner}) are destroyed, a hazard; every other one (made by hand,
 * by another inventory, a base) is listed as unmanaged and never touched. Pure: no I/O.
 */
final class ContainerRemover {
    private static final Duration STOP = Duration.ofSeconds(120);
    private static final Duration SHORT = Duration.ofSeconds(60);

    /** Destroys of the containers {@code owner} created on this host and no longer declares ({@code declared}: every declared name). */
    List<PlannedChange> removals(String host, HostState state, String owner, Set<String> declared) {
        List<PlannedChange> changes = new ArrayList<>();
        for (OwnedContainer owned : state.owned().values()) {
            if (declared.contains(owned.name()) || !owner.equals(owned.owner()) || !owned.present()) {
                continue;
            }
            List<Step> steps = new ArrayList<>();
            if (owned.running()) {
                // provision no longer knows its bind mounts: a clean stop, killed only after 30 s
                steps.add(Step.Run.of(host, STOP, "lxc-stop", "-n", owned.name(), "-t", "30"));
            }
            steps.add(Step.Run.of(host, SHORT, "lxc-destroy", "-n", owned.name()));
            steps.add(ContainerOwner.forget(host, owned.name()));
            changes.add(new PlannedChange(ResourceAddress.of("containers", owned.name()), Action.DELETE, Cause.INVENTORY,
                    "no longer declared; the container is stopped and destroyed with everything in it",
                    List.of(new AttributeChange("state", owned.state(), null)),
                    List.of(new Hazard(HazardKind.CONTAINER_DESTROY, "container " + owned.name() + " and everything in it,"
                            + " including PostgreSQL data, is deleted")), steps));
        }
        return changes;
    }

    /** The containers on the host that neither this inventory declares nor {@code owner} created (bases excepted). */
    List<UnmanagedResource> unmanaged(HostState state, String owner, Set<String> declared) {
        List<UnmanagedResource> found = new ArrayList<>();
        for (String name : new TreeSet<>(state.existing())) {
            OwnedContainer owned = state.owned().get(name);
            boolean ours = owned != null && owner.equals(owned.owner());
            if (!declared.contains(name) && !ours && !name.startsWith(Base.PREFIX)) {
                found.add(new UnmanagedResource(ResourceAddress.of("containers", name), "container"));
            }
        }
        return found;
    }
}
