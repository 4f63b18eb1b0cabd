package dev.provision.inventory;

import dev.provision.diag.SourceRange;

/**
 * A server's backups with pgBackRest: where the repository lives on the LXC host, how long backups are
 * kept, when they are taken, how they are compressed and, optionally, the secret that encrypts them.
 *
 * @param repository the repository's directory on the LXC host (absolute), bind-mounted into the container
 * @param retentionFull full backups kept, or {@code null} when retention is by days
 * @param retentionDays days full backups are kept, or {@code null} when retention is by count
 * @param full how often a full backup is taken ({@link Period})
 * @param partial how often a differential or incremental backup is taken, or {@code null} for none
 * @param partialType {@code diff} or {@code incr} (pgBackRest's backup types), {@code null} with {@code partial}
 * @param compression pgBackRest's compress-type: {@code zst}, {@code lz4}, {@code gz}, {@code bz2} or {@code none}
 * @param passphrase the cipher passphrase's secret reference (AES-256-CBC), or {@code null}: not encrypted
 */
public record Backups(
        SourceRange at,
        String repository,
        Integer retentionFull,
        Integer retentionDays,
        Period full,
        Period partial,
        String partialType,
        String compression,
        SecretRef passphrase) {

    /** The directory under which each container's repository lives unless the inventory names one. */
    public static final String DEFAULT_ROOT = dev.provision.host.HostPaths.BACKUPS;

    /** The repository's path inside the container (pgBackRest's default repo1-path). */
    public static final String MOUNT_POINT = "/var/lib/pgbackrest";

    /** The pgBackRest stanza provision makes for each server: one stanza per repository. */
    public static final String STANZA = "main";

    /** How often a scheduled backup runs, as a systemd calendar event, and its length for age checks. */
    public enum Period {
        HOURLY("hourly", 3_600L),
        DAILY("daily", 86_400L),
        WEEKLY("weekly", 7 * 86_400L),
        MONTHLY("monthly", 31 * 86_400L);

        private final String calendar;
        private final long seconds;

        Period(String calendar, long seconds) {
            this.calendar = calendar;
            this.seconds = seconds;
        }

        /** The systemd OnCalendar value, also the inventory's spelling. */
        public String calendar() {
            return calendar;
        }

        /** The longest this period lasts, in seconds (a month counts 31 days). */
        public long seconds() {
            return seconds;
        }

        static Period parse(String text) {
            for (Period p : values()) {
                if (p.calendar.equals(text)) {
                    return p;
                }
            }
            return null;
        }
    }
}
