package dev.provision.apply.lock;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lock found on a host: its scope, the run that holds it ({@code provision pid N on MACHINE since
 * TIME}) and how long ago it was taken.
 */
public record HeldLock(LockScope scope, String owner, long ageSeconds) {
    private static final Pattern OWNER = Pattern.compile("^provision pid (\\d+) on (\\S+) since ");

    /** One line of the lock script's output (scope, owner, age, tab-separated), or empty if it is not one. */
    static Optional<HeldLock> parse(String host, String line) {
        String[] fields = line.split("\t");
        if (fields.length != 3 || !fields[2].strip().matches("-?\\d+")) {
            return Optional.empty();
        }
        return Optional.of(new HeldLock(LockScope.parse(host, fields[0]), fields[1], Long.parseLong(fields[2].strip())));
    }

    /** The owner text a run starting now writes into the locks it takes; runs in one process differ by their start. */
    public static String newOwner() {
        return "provision pid " + ProcessHandle.current().pid() + " on " + machine() + " since " + java.time.Instant.now();
    }

    /**
     * True when the holder was a run on this machine that no longer exists (it was killed): such a lock
     * is stale, and a run from this machine may release it.
     */
    public boolean stale() {
        Matcher m = OWNER.matcher(owner);
        if (!m.find() || !m.group(2).equals(machine())) {
            return false;
        }
        long pid = Long.parseLong(m.group(1));
        return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    /** "provision pid 12 on ci-3 since 2026-11-27T23:00:00Z, taken 42s ago". */
    public String describeHolder() {
        return owner + ", taken " + ageSeconds + "s ago";
    }

    private static String machine() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return ManagementFactory.getRuntimeMXBean().getName();
        }
    }
}
