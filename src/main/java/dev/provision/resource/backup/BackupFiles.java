package dev.provision.resource.backup;

import dev.provision.inventory.Backups;
import dev.provision.inventory.Container;
import dev.provision.inventory.Postgres;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files provision writes into a container for its backups: pgbackrest.conf and one systemd service
 * and timer per scheduled backup type, each starting with a stamp of its content. Pure. The cipher
 * passphrase is not among them: it goes to its own file, from its secret, when a step runs.
 */
public final class BackupFiles {
    public static final String CONF = "/etc/pgbackrest/pgbackrest.conf";
    public static final String CIPHER = "/etc/pgbackrest/conf.d/cipher.conf";
    static final String UNITS = "/etc/systemd/system/";
    private static final String STAMP = "# provision wrote this file; content digest ";

    /** Every file provision may write, whether the inventory wants it now or not, so the probe reads them all. */
    static List<String> managedPaths() {
        List<String> paths = new java.util.ArrayList<>(List.of(CONF));
        for (String type : List.of("full", "diff", "incr")) {
            paths.add(UNITS + unit(type) + ".service");
            paths.add(UNITS + unit(type) + ".timer");
        }
        return paths;
    }

    /** The systemd unit name (without suffix) of the scheduled backups of {@code type}. */
    static String unit(String type) {
        return "provision-backup-" + type;
    }

    /** The desired files, path to content (stamped), in the order they are written. */
    static Map<String, String> of(Container container) {
        Postgres pg = container.postgres();
        Backups b = pg.backups();
        Map<String, String> files = new LinkedHashMap<>();
        files.put(CONF, stamp(conf(pg, b, Backups.MOUNT_POINT)));
        timer(files, "full", b.full());
        if (b.partial() != null) {
            timer(files, b.partialType(), b.partial());
        }
        return files;
    }

    /** The timers the inventory wants enabled. */
    static List<String> timers(Backups b) {
        return b.partial() == null ? List.of(unit("full") + ".timer")
                : List.of(unit("full") + ".timer", unit(b.partialType()) + ".timer");
    }

    /** pgbackrest.conf for a restore of {@code original}'s backups from its repository mounted at {@code repository}. */
    static String restoreConf(Container original, String repository) {
        return stamp(conf(original.postgres(), original.postgres().backups(), repository));
    }

    private static String conf(Postgres pg, Backups b, String repository) {
        StringBuilder out = new StringBuilder();
        out.append("# pgBackRest configuration of this server's backups, from postgres.backups in the inventory.\n");
        out.append("# The repository is the LXC host's ").append(b.repository()).append("/pgbackrest, mounted here.\n");
        out.append("[global]\n");
        out.append("repo1-path=").append(repository).append('\n');
        if (b.retentionDays() != null) {
            out.append("repo1-retention-full-type=time\n");
            out.append("repo1-retention-full=").append(b.retentionDays()).append('\n');
        } else {
            out.append("repo1-retention-full-type=count\n");
            out.append("repo1-retention-full=").append(b.retentionFull()).append('\n');
        }
        if (b.passphrase() != null) {
            out.append("# the passphrase is in ").append(CIPHER).append(" (0600, postgres)\n");
            out.append("repo1-cipher-type=aes-256-cbc\n");
        }
        out.append("compress-type=").append(b.compression()).append('\n');
        out.append("start-fast=y\n");
        out.append("log-level-console=warn\n");
        out.append("log-level-file=info\n");
        out.append('\n');
        out.append('[').append(Backups.STANZA).append("]\n");
        out.append("pg1-path=/var/lib/postgresql/").append(pg.version()).append('/').append(ServerPaths.CLUSTER).append('\n');
        out.append("pg1-port=").append(pg.port()).append('\n');
        out.append("pg1-socket-path=/var/run/postgresql\n");
        return out.toString();
    }

    private static void timer(Map<String, String> files, String type, Backups.Period period) {
        String what = switch (type) {
            case "full" -> "full";
            case "diff" -> "differential";
            default -> "incremental";
        };
        files.put(UNITS + unit(type) + ".service", stamp("""
                [Unit]
                Description=pgBackRest %s backup of this server (provision)
                After=postgresql.service

                [Service]
                Type=oneshot
                User=postgres
                Group=postgres
                ExecStart=/usr/bin/pgbackrest --stanza=%s --type=%s backup
                """.formatted(what, Backups.STANZA, type)));
        files.put(UNITS + unit(type) + ".timer", stamp("""
                [Unit]
                Description=%s pgBackRest %s backup (provision)

                [Timer]
                OnCalendar=%s
                Persistent=true
                RandomizedDelaySec=10min

                [Install]
                WantedBy=timers.target
                """.formatted(capitalised(period.calendar()), what, period.calendar())));
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    static String stamp(String content) {
        return STAMP + digest(content) + "\n" + content;
    }

    /** True when the file carries provision's stamp and its content still matches it. */
    static boolean intact(String file) {
        if (file == null || !file.startsWith(STAMP)) {
            return false;
        }
        int newline = file.indexOf('\n');
        return file.substring(STAMP.length(), newline).strip().equals(digest(file.substring(newline + 1)));
    }

    private static String digest(String content) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
