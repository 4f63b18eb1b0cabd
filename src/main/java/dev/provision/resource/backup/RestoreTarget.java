package dev.provision.resource.backup;

import dev.provision.inventory.Backups;
import dev.provision.inventory.Container;
import dev.provision.inventory.Mount;
import dev.provision.inventory.Network;
import dev.provision.inventory.Postgres;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where a restore goes and what it restores to: a new container made like the original (same host,
 * image and base, limits and server settings; DHCP; no roles or databases of its own, they come from
 * the backup; no backups of its own, so it archives nowhere), with the original's repository mounted
 * read-only; and the point to reach: the latest archived state, a time, or a backup's label.
 */
public final class RestoreTarget {
    /**
     * Where the original's repository is mounted, read-only, in the new container: not pgBackRest's own
     * directory, which its package takes for postgres when it is installed.
     */
    static final String MOUNT_POINT = "/mnt/provision-restore-repository";
    private static final Pattern LABEL = Pattern.compile("\\d{8}-\\d{6}F(_\\d{8}-\\d{6}[DI])?");
    private static final DateTimeFormatter PGBACKREST_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx");

    /** What to restore to: {@code latest}, a point in time (UTC), or a backup's label. */
    public sealed interface Point permits Latest, Time, Label {}

    /** Everything the archive holds. */
    public record Latest() implements Point {}

    /** The state at {@code at}: transactions committed then or before, none after. */
    public record Time(Instant at) implements Point {}

    /** The state at the end of backup {@code label}. */
    public record Label(String label) implements Point {}

    private RestoreTarget() {}

    /**
     * Reads {@code --to}: {@code latest}, a label such as {@code 20261128-031500F}, or a time in ISO 8601
     * ({@code 2026-11-28T03:15:00Z}, {@code 2026-11-28 03:15:00+01:00}); {@code null} when it is none of them.
     */
    public static Point parse(String to) {
        if (to.equals("latest")) {
            return new Latest();
        }
        if (LABEL.matcher(to).matches()) {
            return new Label(to);
        }
        try {
            return new Time(OffsetDateTime.parse(to.replace(' ', 'T')).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return new Time(Instant.parse(to.replace(' ', 'T')));
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** pgBackRest's restore options that reach {@code point}. */
    static List<String> options(Point point) {
        if (point instanceof Time t) {
            return List.of("--type=time", "--target=" + PGBACKREST_TIME.format(t.at().atOffset(ZoneOffset.UTC)),
                    "--target-action=promote");
        }
        if (point instanceof Label l) {
            return List.of("--set=" + l.label(), "--type=immediate", "--target-action=promote");
        }
        return List.of();
    }

    /** Describes {@code point} for people. */
    public static String describe(Point point) {
        if (point instanceof Time t) {
            return "the state at " + t.at() + " (transactions committed then or before)";
        }
        if (point instanceof Label l) {
            return "the end of backup " + l.label();
        }
        return "the latest archived state";
    }

    /** The container {@code name} that receives a restore of {@code original}'s server. */
    public static Container container(Container original, String name) {
        Postgres pg = original.postgres();
        Backups b = pg.backups();
        Postgres restored = new Postgres(pg.at(), pg.version(), pg.packageSource(), pg.listenAddresses(), pg.port(), pg.settings(), pg.hba(),
                Map.of(), Map.of(), null);
        Network network = new Network(original.network().at(), original.network().bridge(), "dhcp", null);
        Mount repository = new Mount(b.at(), b.repository() + "/pgbackrest", MOUNT_POINT, true);
        return new Container(name, original.at(), original.host(), original.image(), original.resources(), network,
                false, false, null, List.of(repository), restored);
    }
}
