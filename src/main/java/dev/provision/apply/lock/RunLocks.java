package dev.provision.apply.lock;

import dev.provision.host.HostPaths;
import dev.provision.plan.PlanningFailed;
import dev.provision.probe.Probe;
import dev.provision.probe.ProbeOutput;

import dev.provision.transport.CommandResult;
import dev.provision.transport.Transport;
import dev.provision.transport.TransportException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The locks one run holds on its hosts, each covering what the run changes there ({@link LockScope}): a
 * container's lock while its changes run, a host's only while host-wide state changes. A run asks for a
 * host's scopes all at once, so two runs never hold one each and wait for the other's. A lock another run
 * holds fails the run at once, naming the holder and the exact command that releases it, or is waited
 * for up to the given time; a lock left by a killed run of this machine is released on the way.
 */
public final class RunLocks implements AutoCloseable {
    private static final String SCRIPT = HostPaths.script(RunLocks.class, "lock.sh");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    private static final int HELD = 75;

    private final String owner;
    private final Function<LockScope, String> unlockCommand;
    private final Consumer<String> notes;
    private final Map<LockScope, Transport> held = new LinkedHashMap<>();
    private final Set<String> unreleased = new LinkedHashSet<>();

    /**
     * @param owner what the locks say of this run ({@link HeldLock#newOwner()})
     * @param unlockCommand the exact command that releases a lock by force, for the messages
     * @param notes told when a lock left by a killed run is released
     */
    public RunLocks(String owner, Function<LockScope, String> unlockCommand, Consumer<String> notes) {
        this.owner = owner;
        this.unlockCommand = unlockCommand;
        this.notes = notes;
    }

    /**
     * Takes every scope in {@code scopes} (all on {@code host}) that this run does not hold yet, all or
     * none. While another run holds one of them, waits up to {@code timeout}, telling {@code progress} who
     * holds it; then fails with {@link PlanningFailed}, having taken nothing. Returns whether it waited
     * (what the run read before may then be out of date).
     */
    public boolean acquire(String host, Transport transport, Collection<LockScope> scopes, Duration timeout,
            Consumer<String> progress) {
        List<String> wanted;
        synchronized (this) {
            wanted = new TreeSet<>(scopes).stream().filter(s -> !held.containsKey(s)).map(LockScope::name).toList();
        }
        if (wanted.isEmpty()) {
            return false;
        }
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        boolean waited = false;
        String lastHolder = null;
        Instant lastProgress = Instant.MIN;
        while (true) {
            List<String> argv = new ArrayList<>(List.of("sh", "-c", SCRIPT, "provision-lock", "acquire", owner));
            argv.addAll(wanted);
            CommandResult result = transport.run(argv, null, COMMAND_TIMEOUT);
            if (result.succeeded()) {
                synchronized (this) {
                    wanted.forEach(name -> held.put(LockScope.parse(host, name), transport));
                }
                return waited;
            }
            Optional<HeldLock> holder = result.exitStatus() == HELD
                    ? HeldLock.parse(host, result.stdout()).stream().findFirst() : Optional.empty();
            if (holder.isEmpty()) {
                throw new PlanningFailed("host " + host + ": could not take provision's lock (exit " + result.exitStatus()
                        + "): " + result.stderr().strip());
            }
            HeldLock lock = holder.get();
            if (lock.stale()) {
                forceRelease(transport, lock.scope());
                notes.accept("released the lock on " + lock.scope().describe() + " left by a run that was killed or"
                        + " lost its connection (" + lock.owner() + ")");
                continue;
            }
            Instant now = Instant.now();
            if (!now.isBefore(deadline)) {
                throw new PlanningFailed(lock.scope().describe() + " is locked by another run (" + lock.describeHolder()
                        + "), which is changing it" + (timeout.isZero() ? "" : ", still after " + LockTimeout.format(timeout))
                        + "; nothing was changed. Wait for that run to finish"
                        + (timeout.isZero() ? ", or let this one wait for it with --lock-timeout (e.g. --lock-timeout 5m)"
                                : " and apply again")
                        + ". If no provision run is active (it was killed), release the lock with: "
                        + unlockCommand.apply(lock.scope()));
            }
            waited = true;
            if (!lock.owner().equals(lastHolder) || Duration.between(lastProgress, now).compareTo(PROGRESS_EVERY) >= 0) {
                progress.accept("waiting for the lock on " + lock.scope().describe() + ", held by " + lock.describeHolder()
                        + " (waited " + Duration.between(start, now).toSeconds() + "s of " + LockTimeout.format(timeout) + ")");
                lastHolder = lock.owner();
                lastProgress = now;
            }
            sleep(Duration.between(now, deadline).compareTo(POLL) < 0 ? Duration.between(now, deadline) : POLL);
        }
    }

    /** Whether this run holds {@code scope}. */
    public synchronized boolean holds(LockScope scope) {
        return held.containsKey(scope);
    }

    /** Releases {@code scope} if this run holds it (a host's lock once its host-wide changes are done). */
    public void release(LockScope scope) {
        Transport transport;
        synchronized (this) {
            transport = held.remove(scope);
        }
        if (transport != null) {
            releaseOn(scope.host(), transport, List.of(scope.name()));
        }
    }

    /** The locks held on a host by any run, as its lock script lists them. */
    public static List<HeldLock> list(String host, Transport transport) {
        return parseList(host, transport.run(List.of("sh", "-c", SCRIPT, "provision-lock", "list"), null, COMMAND_TIMEOUT));
    }

    /** The probe that lists a host's locks, so a plan reads them in the host's one round trip. */
    public static Probe listProbe(String host) {
        return new Probe(host, "provision-lock", SCRIPT, List.of("list"));
    }

    /** Parses the listing of {@link #listProbe}. */
    public static List<HeldLock> parseList(String host, CommandResult result) {
        if (!result.succeeded()) {
            return List.of();
        }
        return HeldLock.parse(host, result.stdout());
    }

    /** Removes the lock on {@code scope} whoever holds it; returns its owner, or empty if it was not held. */
    public static Optional<String> forceRelease(Transport transport, LockScope scope) {
        String output = transport.run(List.of("sh", "-c", SCRIPT, "provision-lock", "force", scope.name()), null, COMMAND_TIMEOUT)
                .stdout();
        return ProbeOutput.parse(output).stream().filter(entry -> entry.key().equals("owner")).map(ProbeOutput.Entry::value)
                .findFirst();
    }

    /** Releases every lock taken. A host that cannot be reached keeps its locks: see {@link #unreleasedNote()}. */
    @Override
    public void close() {
        Map<String, List<String>> byHost = new LinkedHashMap<>();
        Map<String, Transport> transports = new LinkedHashMap<>();
        synchronized (this) {
            held.forEach((scope, transport) -> {
                byHost.computeIfAbsent(scope.host(), h -> new ArrayList<>()).add(scope.name());
                transports.put(scope.host(), transport);
            });
            held.clear();
        }
        byHost.forEach((host, names) -> releaseOn(host, transports.get(host), names));
    }

    private void releaseOn(String host, Transport transport, List<String> names) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", SCRIPT, "provision-lock", "release", owner));
        argv.addAll(names);
        try {
            transport.run(argv, null, COMMAND_TIMEOUT);
        } catch (TransportException e) {
            synchronized (this) {
                names.forEach(name -> unreleased.add(unlockCommand.apply(LockScope.parse(host, name))));
            }
        }
    }

    /**
     * What to tell the user about locks that could not be released because their host was unreachable,
     * or empty when every lock was released.
     */
    public synchronized Optional<String> unreleasedNote() {
        if (unreleased.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("provision's locks could not all be released (a host is unreachable). The next apply or"
                + " destroy from this machine releases them by itself; from another machine, release them with: "
                + String.join("; ", unreleased));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(1, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlanningFailed("interrupted while waiting for a lock");
        }
    }
}
