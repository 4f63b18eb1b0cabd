package dev.provision.resource.backup;

import java.util.List;
import java.util.Map;

/**
 * What the probe found of a server's backups. Times are seconds since the epoch.
 *
 * @param repositoryOnHost the repository's directory exists on the LXC host
 * @param containerRunning the container runs (nothing else was read when it does not)
 * @param installed pgBackRest is installed in the container
 * @param files the managed files present, path to content
 * @param cipherFile the passphrase file's mode and owner ({@code "600 postgres"}), or {@code null} when absent
 * @param enabled the managed timers present and whether systemd has each enabled
 * @param archiver pg_stat_archiver, or {@code null} when the server is down
 * @param stanza the stanza as {@code pgbackrest info} reports it, or {@code null} when not read
 */
public record BackupState(
        boolean repositoryOnHost,
        boolean containerRunning,
        boolean installed,
        Map<String, String> files,
        String cipherFile,
        Map<String, Boolean> enabled,
        Archiver archiver,
        StanzaInfo stanza) {

    public BackupState {
        files = Map.copyOf(files);
        enabled = Map.copyOf(enabled);
    }

    /**
     * pg_stat_archiver and the server's clock.
     *
     * @param lastArchived when a WAL file was last archived, 0 for never
     * @param lastFailed when archiving last failed, 0 for never
     * @param mode the archive_mode in force
     */
    public record Archiver(long archivedCount, long failedCount, long lastArchived, long lastFailed, long now,
            String lastFailedWal, String mode) {

        /** True when the last attempt to archive failed: nothing was archived after the last failure. */
        public boolean failing() {
            return failedCount > 0 && lastFailed >= lastArchived;
        }
    }

    /**
     * A stanza as {@code pgbackrest info --output=json} reports it.
     *
     * @param status pgBackRest's status code: 0 ok, 1 missing stanza path, 2 no valid backups, 3 missing
     *     stanza data, others an error
     * @param message its status message
     * @param backups the backups, oldest first
     */
    public record StanzaInfo(int status, String message, List<Backup> backups) {
        public StanzaInfo {
            backups = List.copyOf(backups);
        }

        /** True when the stanza exists in the repository (it may have no backup yet). */
        public boolean exists() {
            return status == 0 || status == 2;
        }

        /** The newest full backup, or {@code null}. */
        public Backup newestFull() {
            Backup newest = null;
            for (Backup b : backups) {
                if (b.type().equals("full") && (newest == null || b.stop() > newest.stop())) {
                    newest = b;
                }
            }
            return newest;
        }
    }

    /** One backup in the repository: its label, type, when it ran, its size and the WAL range it needs. */
    public record Backup(String label, String type, long start, long stop, long size, long repositorySize,
            String walStart, String walStop) {}
}
