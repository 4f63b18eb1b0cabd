package dev.provision.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provision.resource.backup.BackupAges;
import dev.provision.resource.backup.BackupCatalog;
import dev.provision.resource.backup.BackupState;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/** Prints the backups {@code provision backups} read: a table per server for people, one JSON document for programs. */
final class BackupsPrinter {
    /** The version of the {@code backups --json} format; the major number changes when a consumer could break. */
    static final String FORMAT_VERSION = "1.0";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private BackupsPrinter() {}

    static void text(List<BackupCatalog.Server> servers, PrintWriter out) {
        for (BackupCatalog.Server server : servers) {
            BackupState s = server.state();
            String name = server.container().name();
            out.println("containers." + name + ".postgres.backups  (repository " + server.container().postgres().backups().repository()
                    + "/pgbackrest on host " + server.container().host() + ")");
            if (!s.containerRunning()) {
                out.println("  the container is not running: its repository is not read here");
                continue;
            }
            if (s.stanza() == null) {
                out.println("  pgBackRest is not set up yet: run provision apply");
                continue;
            }
            if (!s.stanza().exists()) {
                out.println("  no usable stanza: " + s.stanza().message());
            }
            if (s.stanza().backups().isEmpty()) {
                out.println("  no backups");
            } else {
                out.printf("  %-26s %-5s %-20s %10s %10s  %s%n", "LABEL", "TYPE", "ENDED (UTC)", "SIZE", "STORED", "WAL");
                for (BackupState.Backup b : s.stanza().backups()) {
                    out.printf("  %-26s %-5s %-20s %10s %10s  %s..%s%n", b.label(), b.type(), time(b.stop()), size(b.size()),
                            size(b.repositorySize()), b.walStart(), b.walStop());
                }
                out.println("  restorable: from " + time(s.stanza().backups().get(0).stop()) + " to the last archived WAL"
                        + " (provision restore --target containers." + name + " --to TIME|latest|LABEL --into NEW-NAME)");
            }
            BackupState.Archiver a = s.archiver();
            if (a != null) {
                out.println("  WAL archiving: " + (a.failing() ? "FAILING, " + a.failedCount() + " failures, the last "
                        + BackupAges.describe(a.now() - a.lastFailed()) + " ago" : "ok")
                        + ", " + a.archivedCount() + " archived"
                        + (a.lastArchived() == 0 ? "" : ", the last " + BackupAges.describe(a.now() - a.lastArchived()) + " ago"));
            }
        }
    }

    static String json(List<BackupCatalog.Server> servers) {
        ObjectNode root = JSON.objectNode();
        root.put("format_version", FORMAT_VERSION);
        ArrayNode list = root.putArray("servers");
        for (BackupCatalog.Server server : servers) {
            BackupState s = server.state();
            ObjectNode node = list.addObject();
            node.put("address", "containers." + server.container().name() + ".postgres.backups");
            node.put("host", server.container().host());
            node.put("repository", server.container().postgres().backups().repository() + "/pgbackrest");
            node.put("container_running", s.containerRunning());
            if (s.stanza() == null) {
                node.putNull("stanza");
            } else {
                ObjectNode stanza = node.putObject("stanza");
                stanza.put("status", s.stanza().status());
                stanza.put("message", s.stanza().message());
            }
            ArrayNode backups = node.putArray("backups");
            if (s.stanza() != null) {
                for (BackupState.Backup b : s.stanza().backups()) {
                    ObjectNode o = backups.addObject();
                    o.put("label", b.label());
                    o.put("type", b.type());
                    o.put("started", Instant.ofEpochSecond(b.start()).toString());
                    o.put("ended", Instant.ofEpochSecond(b.stop()).toString());
                    o.put("size_bytes", b.size());
                    o.put("repository_bytes", b.repositorySize());
                    o.put("wal_start", b.walStart());
                    o.put("wal_stop", b.walStop());
                }
            }
            BackupState.Archiver a = s.archiver();
            if (a == null) {
                node.putNull("archiving");
            } else {
                ObjectNode o = node.putObject("archiving");
                o.put("failing", a.failing());
                o.put("archived_count", a.archivedCount());
                o.put("failed_count", a.failedCount());
                o.put("last_archived", a.lastArchived() == 0 ? null : Instant.ofEpochSecond(a.lastArchived()).toString());
                o.put("last_failed", a.lastFailed() == 0 ? null : Instant.ofEpochSecond(a.lastFailed()).toString());
                o.put("last_failed_wal", a.lastFailedWal().isEmpty() ? null : a.lastFailedWal());
            }
        }
        return root.toPrettyString();
    }

    private static String time(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).toString().replace('T', ' ').replace("Z", "");
    }

    private static String size(long bytes) {
        if (bytes < 10 * 1024) {
            return bytes + " B";
        }
        if (bytes < 10L * 1024 * 1024) {
            return bytes / 1024 + " kB";
        }
        if (bytes < 10L * 1024 * 1024 * 1024) {
            return bytes / (1024 * 1024) + " MB";
        }
        return bytes / (1024L * 1024 * 1024) + " GB";
    }
}
