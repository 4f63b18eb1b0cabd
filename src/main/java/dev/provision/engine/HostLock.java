package dev.provision.engine;

import dev.provision.transport.CommandResult;
import dev.provision.transport.Transport;
import dev.provision.transport.TransportException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Provision's lock on a host, held for the whole of an apply or destroy so two runs never interleave.
 * A second run fails at once and says who holds the lock and since when. A lock left by a killed run
 * stays until {@code provision force-unlock HOST} removes it.
 */
public final class HostLock implements AutoCloseable {
    private static final String SCRIPT = ScriptResource.load(HostLock.class, "lock-host.sh");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int HELD = 75;
    private static final Pattern OWNER = Pattern.compile("^provision pid (\\d+) on (\\S+) since ");

    private final List<Held> held = new ArrayList<>();
    private final List<String> unreleased = new ArrayList<>();
    private final String owner;

    private record Held(String host, Transport transport) {}

    public HostLock() {
        this.owner = "provision pid " + ProcessHandle.current().pid() + " on " + machine() + " since " + Instant.now();
    }

    /**
     * Takes the lock on {@code host}, or throws {@link PlanningFailed} naming its holder and age. A lock
     * whose holder was a run on this machine that no longer exists (killed) is released first; the
     * returned note says so, for the user.
     */
    public Optional<String> acquire(String host, Transport transport) {
        CommandResult result = transport.run(List.of("sh", "-c", SCRIPT, "provision-lock", "acquire", owner), null, TIMEOUT);
        if (result.exitStatus() == HELD) {
            String[] lines = result.stdout().strip().split("\n");
            String holder = lines[0];
            if (isDeadRunOfThisMachine(holder)) {
                forceRelease(transport);
                acquire(host, transport);
                return Optional.of("host " + host + ": released a lock left by a run that was killed or lost its connection ("
                        + holder + ")");
            }
            String age = lines.length > 1 ? lines[1] + "s ago" : "at an unknown time";
            throw new PlanningFailed("host " + host + " is locked by another run (" + holder + ", taken " + age
                    + "); wait for it to finish. If no provision run is active (it was killed), release the lock with:"
                    + " provision force-unlock " + host);
        }
        if (!result.succeeded()) {
            throw new PlanningFailed("host " + host + ": could not take provision's lock (exit " + result.exitStatus() + "): "
                    + result.stderr().strip());
        }
        held.add(new Held(host, transport));
        return Optional.empty();
    }

    /** Whether this run already holds the lock on {@code host}. */
    public boolean holds(String host) {
        return held.stream().anyMatch(h -> h.host().equals(host));
    }

    /** True for "provision pid N on THIS-MACHINE since ..." when process N is gone. */
    private static boolean isDeadRunOfThisMachine(String holder) {
        Matcher m = OWNER.matcher(holder);
        if (!m.find() || !m.group(2).equals(machine())) {
            return false;
        }
        long pid = Long.parseLong(m.group(1));
        return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    /** Removes the lock whoever holds it; returns the previous owner, or an empty string if there was none. */
    public static String forceRelease(Transport transport) {
        return transport.run(List.of("sh", "-c", SCRIPT, "provision-lock", "force", ""), null, TIMEOUT).stdout().strip();
    }

    /**
     * Releases every lock taken. A host that cannot be reached keeps its lock: see {@link #unreleasedNote()}.
     */
    @Override
    public void close() {
        for (Held h : held) {
            try {
                h.transport().run(List.of("sh", "-c", SCRIPT, "provision-lock", "release", owner), null, TIMEOUT);
            } catch (TransportException e) {
                unreleased.add(h.host());
            }
        }
        held.clear();
    }

    /**
     * What to tell the user about locks that {@link #close()} could not release because their host was
     * unreachable, or empty when every lock was released.
     */
    public Optional<String> unreleasedNote() {
        if (unreleased.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("provision's lock on host " + String.join(", ", unreleased) + " could not be released"
                + " (the host is unreachable). The next apply or destroy from this machine releases it by itself;"
                + " from another machine, release it with: "
                + String.join("; ", unreleased.stream().map(host -> "provision force-unlock " + host).toList()));
    }

    private static String machine() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return ManagementFactory.getRuntimeMXBean().getName();
        }
    }
}
