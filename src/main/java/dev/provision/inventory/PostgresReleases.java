package dev.provision.inventory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The PostgreSQL majors each supported distribution release packages in its own archive: the one table
 * validate checks a container's {@code version} against, and that docs/inventory.md shows.
 *
 * <p>Debian's rows were read from Debian's archive (2026-11-27); Ubuntu's are from Ubuntu's published
 * package lists and could not be checked here (Ubuntu's archive is not reachable from the test bed).
 * A release's major is also what {@code version} defaults to. With {@code package_source} (PostgreSQL's
 * own apt repository, declared by the user) any major with a parameter catalogue goes on any release.
 */
public final class PostgresReleases {
    /** One release of a distribution and what it offers. */
    public record Release(String distro, String name, List<Integer> majors, Tested tested) {
        public Release {
            majors = List.copyOf(majors);
        }

        /** The major this release offers by default: its newest. */
        public int defaultMajor() {
            return majors.get(majors.size() - 1);
        }
    }

    /** How far a release is tested on provision's own test bed. */
    public enum Tested {
        /** Containers of it converge end to end in CI (real LXC, real PostgreSQL). */
        END_TO_END,
        /**
         * Its server's parameter catalogue was generated here; no container of it runs in CI (forky and sid:
         * Debian 12's debian template asks for isc-dhcp-client, which they no longer have).
         */
        CATALOGUE_ONLY,
        /** Neither: its archive is not reachable from the test bed. */
        NOT_TESTED
    }

    private static final Map<String, Map<String, Release>> TABLE = new LinkedHashMap<>();

    static {
        add("debian", "bullseye", 13, Tested.CATALOGUE_ONLY);
        add("debian", "bookworm", 15, Tested.END_TO_END);
        add("debian", "trixie", 17, Tested.END_TO_END);
        add("debian", "forky", 18, Tested.CATALOGUE_ONLY);
        add("debian", "sid", 18, Tested.CATALOGUE_ONLY);
        add("ubuntu", "focal", 12, Tested.NOT_TESTED);
        add("ubuntu", "jammy", 14, Tested.NOT_TESTED);
        add("ubuntu", "noble", 16, Tested.NOT_TESTED);
        add("ubuntu", "questing", 17, Tested.NOT_TESTED);
        add("ubuntu", "resolute", 18, Tested.NOT_TESTED);
    }

    private PostgresReleases() {}

    private static void add(String distro, String name, int major, Tested tested) {
        TABLE.computeIfAbsent(distro, d -> new LinkedHashMap<>()).put(name, new Release(distro, name, List.of(major), tested));
    }

    /** The distributions in the table ({@code debian}, {@code ubuntu}). */
    public static List<String> distros() {
        return List.copyOf(TABLE.keySet());
    }

    /** The releases of {@code distro}, oldest first; empty for a distribution not in the table. */
    public static List<String> releases(String distro) {
        Map<String, Release> releases = TABLE.get(distro);
        return releases == null ? List.of() : List.copyOf(releases.keySet());
    }

    /** {@code distro}'s {@code release}, or empty when the table does not know it. */
    public static Optional<Release> find(String distro, String release) {
        Map<String, Release> releases = TABLE.get(distro);
        return releases == null ? Optional.empty() : Optional.ofNullable(releases.get(release));
    }

    /** Every row, distributions in order, releases oldest first. */
    public static List<Release> all() {
        return TABLE.values().stream().flatMap(m -> m.values().stream()).toList();
    }

    /** The distribution an image installs: the template's own, or the download template's {@code distro}. */
    public static String distroOf(Image image) {
        return "download".equals(image.template()) ? image.distro() : image.template();
    }
}
