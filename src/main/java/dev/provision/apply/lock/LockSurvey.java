package dev.provision.apply.lock;

import dev.provision.connect.Connections;
import dev.provision.driver.ResourceDriver;
import dev.provision.plan.Mode;
import dev.provision.plan.Targets;
import dev.provision.probe.Probe;

import dev.provision.inventory.Container;
import dev.provision.inventory.Host;
import dev.provision.inventory.Inventory;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.ResourceAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads, with each host's other probes, the locks other runs hold on what a plan covers, and tells the
 * user about them without taking any: a lock held by a live run means the plan read a state that run is
 * changing (so it may be out of date once that run ends); a lock left by a killed run is stale, and the
 * note gives the command that releases it. Plans no change of its own.
 */
public final class LockSurvey implements ResourceDriver {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String owner;
    private final Consumer<String> notes;
    private final Function<LockScope, String> unlockCommand;

    /**
     * @param owner what this run's own locks say, which are not reported
     * @param notes told about each lock found
     * @param unlockCommand the exact command that releases a lock by force
     */
    public LockSurvey(String owner, Consumer<String> notes, Function<LockScope, String> unlockCommand) {
        this.owner = owner;
        this.notes = notes;
        this.unlockCommand = unlockCommand;
    }

    @Override
    public List<Probe> probes(Inventory inventory, Targets targets, Mode mode) {
        return hosts(inventory, targets).stream().map(RunLocks::listProbe).toList();
    }

    @Override
    public List<PlannedChange> plan(Inventory inventory, Connections connections, Targets targets, Mode mode,
            List<PlannedChange> earlier) {
        for (String host : hosts(inventory, targets)) {
            Set<String> containers = containers(inventory, targets, host);
            List<HeldLock> found;
            try {
                found = RunLocks.parseList(host, connections.probes().run(RunLocks.listProbe(host), TIMEOUT));
            } catch (RuntimeException e) {
                continue; // the host's own read reports an unreachable host
            }
            for (HeldLock lock : found) {
                if (!lock.owner().equals(owner) && (lock.scope().hostWide() || containers.contains(lock.scope().container()))) {
                    notes.accept(describe(lock));
                }
            }
        }
        return List.of();
    }

    private String describe(HeldLock lock) {
        if (lock.stale()) {
            return lock.scope().describe() + " is locked by a run that no longer exists (" + lock.describeHolder()
                    + "): a stale lock. The next apply or destroy from this machine releases it; to release it now: "
                    + unlockCommand.apply(lock.scope());
        }
        return lock.scope().describe() + " is locked by another run (" + lock.describeHolder() + "), which is"
                + (lock.scope().hostWide() ? " changing host-wide state" : " changing it")
                + ": what this plan read may be out of date once that run ends; plan again then"
                + " (apply and destroy wait for it with --lock-timeout). If no provision run is active, release it with: "
                + unlockCommand.apply(lock.scope());
    }

    /** The hosts a plan with {@code targets} reads. */
    private static List<String> hosts(Inventory inventory, Targets targets) {
        List<String> hosts = new ArrayList<>();
        for (Host host : inventory.hosts().values()) {
            if (targets.includes(ResourceAddress.of("hosts", host.name())) || !containers(inventory, targets, host.name()).isEmpty()) {
                hosts.add(host.name());
            }
        }
        return hosts;
    }

    private static Set<String> containers(Inventory inventory, Targets targets, String host) {
        return inventory.containers().values().stream()
                .filter(c -> c.host().equals(host))
                .filter(c -> targets.includes(ResourceAddress.of("containers", c.name())))
                .map(Container::name)
                .collect(Collectors.toSet());
    }
}
