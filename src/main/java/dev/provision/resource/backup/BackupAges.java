package dev.provision.resource.backup;

/** Durations as people read them in a plan: {@code 45 s}, {@code 12 min}, {@code 5 h}, {@code 9 days}. */
public final class BackupAges {
    private BackupAges() {}

    public static String describe(long seconds) {
        long s = Math.max(0, seconds);
        if (s < 120) {
            return s + " s";
        }
        if (s < 2 * 3600) {
            return s / 60 + " min";
        }
        if (s < 2 * 86_400) {
            return s / 3600 + " h";
        }
        return s / 86_400 + " days";
    }
}
