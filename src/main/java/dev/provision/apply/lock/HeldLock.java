package dev.provision.apply.lock;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import dev.provision.probe.ProbeOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lock found on a host: its scope, the run that holds it ({@code provision pid N on MACHINE since
 * TIME}) and how long ago it was taken.
 */
public record HeldLock(LockScope scope, String owner, long ageSeconds) {
    private static final Pattern OWNER = Pattern.compile("^provision pid (\\d+) on (\\S+) since ");

    /** The locks in the lock script's output: its {@code lock SCOPE AGE OWNER} records ({@link ProbeOutput}). */
    static List<HeldLock> parse(String host, String output) {
        List<HeldLock> locks = new ArrayList<>();
        for (ProbeOutput.Entry entry : ProbeOutput.parse(output)) {
            List<String> fields = entry.fields(3);
            if (entry.key().equals("lock") && fields.size() == 3 && fields.get(1).matches("-?\\d+")) {
                locks.add(new HeldLock(LockScope.parse(host, fields.get(0)), fields.get(2), Long.parseLong(fields.get(1))));
            }
        }
        return locks;
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
