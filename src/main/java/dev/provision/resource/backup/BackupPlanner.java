package dev.provision.resource.backup;

import dev.provision.inventory.Backups;
import dev.provision.inventory.Container;
import dev.provision.plan.Action;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Cause;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.ResourceAddress;
import dev.provision.plan.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides what a server's backups need: pgBackRest set up (package, configuration, timers, stanza) and a
 * first full backup; then, as drift, a repository gone from the host, a missing stanza, a full backup
 * older than its schedule allows, and WAL archiving that fails. Pure: no I/O.
 */
public final class BackupPlanner {
    /** A full backup may be this much later than its period before it counts as missed. */
    static final double GRACE = 1.1;

    /**
     * @param actual what the probe read, or {@code null} when this plan creates the server (nothing to read)
     */
    public List<PlannedChange> plan(Container container, BackupState actual) {
        Backups b = container.postgres().backups();
        ResourceAddress address = ResourceAddress.of("containers", container.name(), "postgres", "backups");
        BackupSteps steps = new BackupSteps(container);
        Map<String, String> desired = BackupFiles.of(container);
        if (actual == null || !actual.installed() || !actual.files().containsKey(BackupFiles.CONF)) {
            List<Step> all = new ArrayList<>();
            all.add(steps.repository());
            all.add(steps.install());
            all.addAll(steps.write(desired));
            if (b.passphrase() != null) {
                all.add(steps.cipher());
            }
            all.add(steps.timers(BackupFiles.timers(b)));
            all.add(steps.stanzaCreate());
            all.add(steps.backup("full"));
            List<AttributeChange> attributes = new ArrayList<>(List.of(
                    new AttributeChange("repository", null, b.repository() + "/pgbackrest (host)"),
                    new AttributeChange("schedule", null, schedule(b)),
                    new AttributeChange("retention", null, retention(b)),
                    new AttributeChange("compression", null, b.compression())));
            if (b.passphrase() != null) {
                attributes.add(new AttributeChange("encryption", null, "aes-256-cbc, passphrase from " + b.passphrase()));
            }
            attributes.add(new AttributeChange("first full backup", null, "at the end of this apply"));
            return List.of(new PlannedChange(address, Action.CREATE, Cause.INVENTORY,
                    "pgBackRest will be installed and configured, WAL archived to the repository, backups scheduled,"
                            + " and the first full backup taken now",
                    attributes, List.of(), all));
        }
        List<PlannedChange> changes = new ArrayList<>();
        config(container, actual, desired, steps, address, changes);
        boolean repaired = false;
        if (!actual.repositoryOnHost()) {
            List<Step> all = new ArrayList<>();
            all.add(steps.repository());
            all.addAll(steps.restartContainer());
            all.add(steps.stanzaCreate());
            all.add(steps.backup("full"));
            changes.add(new PlannedChange(address.child("repository"), Action.CREATE, Cause.DRIFT,
                    "the repository " + b.repository() + "/pgbackrest is gone from the host" + archiving(actual.archiver())
                            + "; it will be made again, the container restarted to mount it, the stanza created and a"
                            + " full backup taken (the backups that were in it are lost)",
                    List.of(new AttributeChange("repository", "absent", b.repository() + "/pgbackrest")), List.of(), all));
            repaired = true;
        } else if (actual.stanza() != null && !actual.stanza().exists()) {
            changes.add(new PlannedChange(address.child("stanza"), Action.CREATE, Cause.DRIFT,
                    "the repository has no usable stanza " + Backups.STANZA + " (pgbackrest info: " + actual.stanza().message()
                            + ")" + archiving(actual.archiver()) + "; it will be created and a full backup taken",
                    List.of(new AttributeChange("stanza", actual.stanza().message(), "ok")), List.of(),
                    List.of(steps.stanzaCreate(), steps.backup("full"))));
            repaired = true;
        }
        if (!repaired && actual.stanza() != null) {
            full(b, actual, steps, address).ifPresent(changes::add);
        }
        if (!repaired && actual.archiver() != null && actual.archiver().failing()) {
            BackupState.Archiver a = actual.archiver();
            changes.add(new PlannedChange(address.child("archiving"), Action.UPDATE, Cause.DRIFT,
                    "WAL archiving is failing" + archiving(a).replaceFirst("^; ", ": ")
                            + "; apply runs pgbackrest check, which archives a WAL file and fails with pgBackRest's"
                            + " reason if archiving still fails",
                    List.of(new AttributeChange("archiving", "failing", "ok")), List.of(), List.of(steps.check())));
        }
        return changes;
    }

    private void config(Container container, BackupState actual, Map<String, String> desired, BackupSteps steps,
            ResourceAddress address, List<PlannedChange> changes) {
        Backups b = container.postgres().backups();
        List<AttributeChange> attributes = new ArrayList<>();
        Map<String, String> toWrite = new java.util.LinkedHashMap<>();
        boolean handEdited = false;
        for (Map.Entry<String, String> file : desired.entrySet()) {
            String present = actual.files().get(file.getKey());
            if (!file.getValue().equals(present)) {
                toWrite.put(file.getKey(), file.getValue());
                attributes.add(new AttributeChange(file.getKey(), present == null ? null : "differs", "as declared"));
                handEdited |= present != null && !BackupFiles.intact(present);
            }
        }
        List<String> timers = BackupFiles.timers(b);
        boolean timersOff = timers.stream().anyMatch(t -> !actual.enabled().getOrDefault(t, false));
        boolean extraTimers = actual.enabled().keySet().stream().anyMatch(t -> !timers.contains(t));
        if (timersOff && toWrite.isEmpty()) {
            handEdited = true;
            attributes.add(new AttributeChange("timers", "not all enabled", String.join(", ", timers)));
        }
        if (extraTimers) {
            attributes.add(new AttributeChange("timers", String.join(", ", actual.enabled().keySet()), String.join(", ", timers)));
        }
        boolean cipherWrong = b.passphrase() != null && !"600 postgres".equals(actual.cipherFile());
        if (cipherWrong) {
            attributes.add(new AttributeChange(BackupFiles.CIPHER, actual.cipherFile() == null ? null : actual.cipherFile(),
                    "600 postgres, from " + b.passphrase()));
            handEdited |= actual.cipherFile() != null;
        }
        if (toWrite.isEmpty() && !timersOff && !extraTimers && !cipherWrong) {
            return;
        }
        List<Step> all = new ArrayList<>(steps.write(toWrite));
        if (cipherWrong) {
            all.add(steps.cipher());
        }
        all.add(steps.timers(timers));
        changes.add(new PlannedChange(address.child("config"), Action.UPDATE, handEdited ? Cause.DRIFT : Cause.INVENTORY,
                handEdited ? "pgBackRest's configuration or timers differ from what provision wrote (edited by hand)"
                        : "the inventory's backups changed; pgBackRest's configuration and timers follow",
                attributes, List.of(), all));
    }

    private java.util.Optional<PlannedChange> full(Backups b, BackupState actual, BackupSteps steps, ResourceAddress address) {
        BackupState.Backup newest = actual.stanza().newestFull();
        if (newest == null) {
            return java.util.Optional.of(new PlannedChange(address.child("full"), Action.CREATE, Cause.DRIFT,
                    "the repository holds no full backup; one will be taken now",
                    List.of(new AttributeChange("newest full backup", "none", "now")), List.of(),
                    List.of(steps.backup("full"))));
        }
        long now = actual.archiver() != null ? actual.archiver().now() : Instant.now().getEpochSecond();
        long age = now - newest.stop();
        if (age > b.full().seconds() * GRACE) {
            return java.util.Optional.of(new PlannedChange(address.child("full"), Action.CREATE, Cause.DRIFT,
                    "the newest full backup (" + newest.label() + ") is " + BackupAges.describe(age) + " old, more than the "
                            + b.full().calendar() + " schedule allows (a missed backup); one will be taken now",
                    List.of(new AttributeChange("newest full backup", newest.label() + ", " + BackupAges.describe(age) + " old",
                            "now")), List.of(), List.of(steps.backup("full"))));
        }
        return java.util.Optional.empty();
    }

    /** "; WAL archiving failing since ..." when pg_stat_archiver says so, else "". */
    private static String archiving(BackupState.Archiver a) {
        if (a == null || !a.failing()) {
            return "";
        }
        return "; WAL archiving fails (pg_stat_archiver: " + a.failedCount() + " failure" + (a.failedCount() == 1 ? "" : "s")
                + ", the last " + BackupAges.describe(a.now() - a.lastFailed()) + " ago"
                + (a.lastFailedWal().isEmpty() ? "" : " for " + a.lastFailedWal())
                + (a.lastArchived() == 0 ? ", none archived yet" : ", the last success " + BackupAges.describe(a.now() - a.lastArchived()) + " ago")
                + ")";
    }

    static String schedule(Backups b) {
        return "full " + b.full().calendar() + (b.partial() == null ? "" : ", " + b.partialType() + " " + b.partial().calendar());
    }

    static String retention(Backups b) {
        return b.retentionDays() != null ? "full backups for " + b.retentionDays() + " days" : b.retentionFull() + " full backups";
    }
}
