package dev.provision.inventory;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a server's {@code backups}: repository, retention, schedule, compression and encryption.
 * The repository must be a host directory outside every container's root filesystem, so that
 * destroying the container keeps its backups.
 */
final class BackupsParser {
    static final List<String> COMPRESSIONS = List.of("zst", "lz4", "gz", "bz2", "none");
    private static final List<String> PERIODS = Arrays.stream(Backups.Period.values()).map(Backups.Period::calendar).toList();
    private static final int DEFAULT_FULLS = 2;
    private static final String LXC = dev.provision.host.HostPaths.LXC_DEFAULT;
    /** An absolute path that fits an lxc.mount.entry line and a shell word: no spaces, no quotes. */
    private static final Pattern HOST_DIRECTORY = Pattern.compile("(/[A-Za-z0-9._-]+)+");

    private final Problems problems;

    BackupsParser(Problems problems) {
        this.problems = problems;
    }

    /** The backups of {@code container}'s server declared at {@code node}; {@code null} when invalid. */
    Backups parse(Node node, String container) {
        String what = "backups of container \"" + container + "\"";
        Fields f = Fields.open(node, InventoryKeys.BACKUPS, what, problems).orElse(null);
        if (f == null) {
            return null;
        }
        int before = problems.errorCount();
        String repository = repository(f, container);
        Integer fulls = null;
        Integer days = null;
        if (f.has("retention")) {
            Fields r = Fields.open(f.value("retention"), InventoryKeys.RETENTION, "retention of " + what, problems).orElse(null);
            if (r != null) {
                fulls = r.integer("full", 1, 9_999_999);
                days = r.integer("days", 1, 9_999_999);
                if (r.has("full") == r.has("days")) {
                    problems.error(f.value("retention"), "retention of " + what + " must give exactly one of full or days",
                            "write retention: { full: 2 } (full backups kept) or retention: { days: 14 }");
                }
            }
        } else {
            fulls = DEFAULT_FULLS;
        }
        Backups.Period full = Backups.Period.WEEKLY;
        Backups.Period partial = Backups.Period.DAILY;
        String partialType = "diff";
        if (f.has("schedule")) {
            Fields s = Fields.open(f.value("schedule"), InventoryKeys.SCHEDULE, "schedule of " + what, problems).orElse(null);
            if (s != null) {
                full = Backups.Period.parse(s.choice("full", PERIODS, "weekly"));
                if (s.has("diff") && s.has("incr")) {
                    problems.error(s.key("incr"), "schedule of " + what + " gives both diff and incr",
                            "keep one: diff (changes since the last full) or incr (changes since the last backup)");
                }
                partialType = s.has("incr") ? "incr" : s.has("diff") ? "diff" : null;
                partial = partialType == null ? null : Backups.Period.parse(s.choice(partialType, PERIODS, "daily"));
                if (partial != null && partial.seconds() >= full.seconds()) {
                    problems.error(s.value(partialType), partialType + " of schedule of " + what + " (" + partial.calendar()
                            + ") is not more frequent than full (" + full.calendar() + ")",
                            "make " + partialType + " more frequent than full, or remove it");
                }
            }
        }
        String compression = f.choice("compression", COMPRESSIONS, "zst");
        SecretRef passphrase = null;
        if (f.has("encryption")) {
            Fields e = Fields.open(f.value("encryption"), InventoryKeys.ENCRYPTION, "encryption of " + what, problems).orElse(null);
            if (e != null) {
                if (e.has("passphrase")) {
                    passphrase = new SecretParser(problems).parse(e.value("passphrase"), "passphrase", "encryption of " + what);
                } else {
                    e.missing("passphrase");
                }
            }
        }
        if (problems.errorCount() > before) {
            return null;
        }
        return new Backups(problems.at(node), repository, fulls, days, full, partial, partialType, compression, passphrase);
    }

    private String repository(Fields f, String container) {
        String repository = f.text("repository");
        if (repository == null) {
            return Backups.DEFAULT_ROOT + "/" + container;
        }
        if (!HOST_DIRECTORY.matcher(repository).matches() || repository.contains("/../") || repository.endsWith("/..")) {
            problems.error(f.value("repository"), "repository \"" + repository + "\" is not an absolute directory path"
                    + " of letters, digits, '.', '_', '-' and '/'", "write a path such as " + Backups.DEFAULT_ROOT + "/" + container);
        } else if (repository.equals(LXC) || repository.startsWith(LXC + "/")) {
            problems.error(f.value("repository"), "repository \"" + repository + "\" is under " + LXC + ", where"
                    + " containers and their root filesystems live; destroying a container could delete its backups",
                    "keep it outside, for example " + Backups.DEFAULT_ROOT + "/" + container);
        }
        return repository;
    }
}
