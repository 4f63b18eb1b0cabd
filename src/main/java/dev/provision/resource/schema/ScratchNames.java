package dev.provision.resource.schema;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of scratch databases, unique per run and comparison:
 * {@code provision_shadow_<database hash>_<run id>_<created>_<random>} (plus {@code _d} or {@code _l} for the
 * printed copies). The run id is also the key of an advisory lock
 * the run's admin session holds on the server while the run lives ({@link #LIVENESS_KEY}), so another run
 * can tell a scratch database in use from one a killed run left behind (the lock is shared: runs in one
 * process, as in tests, share the id and each holds it), and the creation time (seconds
 * since the epoch, base 36) says how old a leftover is.
 */
final class ScratchNames {
    /** First key of the advisory lock that says a run is alive; the second is the run id. "prsc" as an int. */
    static final int LIVENESS_KEY = 0x70727363;
    /** A leftover younger than this is left alone: a run that has only just created it may still claim it. */
    static final Duration GRACE = Duration.ofSeconds(60);

    private static final Pattern NAME = Pattern.compile("provision_shadow_[0-9a-f]{12}(?:_([0-9a-f]{8})_([0-9a-z]{1,13})_[0-9a-f]{4})?(?:_[dl])?");

    /** This process's run id: random, non-negative (an advisory lock key read back as an oid stays the same). */
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int RUN_ID = RANDOM.nextInt(Integer.MAX_VALUE);

    private ScratchNames() {}

    /** The base name of this run's scratch databases for {@code hash} (of the container and database). */
    static String of(String hash, Instant now) {
        return "provision_shadow_" + hash + "_" + String.format("%08x", RUN_ID) + "_" + Long.toString(now.getEpochSecond(), 36)
                + "_" + String.format("%04x", RANDOM.nextInt(0x10000));
    }

    /** What a scratch database's name says about the run that made it, or empty if it is not one. */
    static Optional<Owner> owner(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        if (m.group(1) == null) {
            // named by a version of provision before runs had ids: every run of it dropped it on start anyway
            return Optional.of(new Owner(-1, Instant.EPOCH));
        }
        return Optional.of(new Owner(Integer.parseUnsignedInt(m.group(1), 16),
                Instant.ofEpochSecond(Long.parseLong(m.group(2), 36))));
    }

    /** The run a scratch database belongs to ({@code runId} -1 for a name without one) and when it was made. */
    record Owner(int runId, Instant created) {
        boolean thisRun() {
            return runId == RUN_ID;
        }
    }
}
