package dev.provision.inventory;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a container's {@code postgres}: version (checked against the image's release), package source, port, listen addresses, server settings, hba
 * rules, roles and databases. Role and database names are collected before their bodies are read,
 * so references between them do not depend on the order of the file.
 */
final class PostgresParser {
    static final int DEFAULT_VERSION = 15;
    private static final Pattern LISTEN = Pattern.compile("\\*|[A-Za-z0-9.:-]{1,253}");

    private final Problems problems;
    private final Path baseDir;

    PostgresParser(Problems problems, Path baseDir) {
        this.problems = problems;
        this.baseDir = baseDir;
    }

    /**
     * The server of {@code container}, whose memory limit is {@code memoryLimit} bytes ({@code null}: none),
     * whose static address is {@code staticAddress} ({@code null}: DHCP) and whose image is {@code image}
     * ({@code null} when it was invalid).
     */
    Postgres parse(Node node, String container, Long memoryLimit, String staticAddress, Image image) {
        String server = "the server of container \"" + container + "\"";
        Fields f = Fields.open(node, InventoryKeys.POSTGRES, "postgres of container \"" + container + "\"", problems)
                .orElse(null);
        if (f == null) {
            return null;
        }
        PostgresReleases.Release release = image == null || image.release() == null ? null
                : PostgresReleases.find(PostgresReleases.distroOf(image), image.release()).orElse(null);
        checkAptDistro(image, container);
        PackageSource source = f.has("package_source")
                ? new PackageSourceParser(problems, baseDir).parse(f.value("package_source"), container,
                        image == null ? null : image.release())
                : null;
        int version = f.integer("version", release == null ? DEFAULT_VERSION : release.defaultMajor(), 9, 99);
        ParameterCatalog catalog = catalog(f, version);
        if (catalog == null) {
            catalog = ParameterCatalog.forVersion(DEFAULT_VERSION).orElseThrow();
        } else if (release != null && !f.has("package_source") && !release.majors().contains(version)) {
            String offered = release.majors().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
            List<String> others = PostgresReleases.all().stream()
                    .filter(r -> r.distro().equals(release.distro()) && r.majors().contains(version))
                    .map(PostgresReleases.Release::name).toList();
            problems.error(f.value("version"), release.distro() + " " + release.name() + " offers PostgreSQL " + offered
                            + ", not " + version,
                    "use version: " + release.defaultMajor() + " (or leave version out)"
                            + (others.isEmpty() ? "" : ", a release that offers " + version + " (" + String.join(", ", others) + ")")
                            + ", or declare package_source: PostgreSQL's own apt repository (docs/inventory.md)");
        }
        int port = f.integer("port", 5432, 1, 65535);
        List<String> listen = listenAddresses(f);
        SettingsParser settingsParser = new SettingsParser(problems, catalog);
        Map<String, Setting> settings = settingsParser.parse(f.named("settings"), SettingsParser.Level.SERVER, memoryLimit);

        Set<String> roleNames = f.named("roles").keySet();
        Set<String> databaseNames = f.named("databases").keySet();
        Map<String, Role> roles = new LinkedHashMap<>();
        RoleParser roleParser = new RoleParser(problems, roleNames);
        f.named("roles").forEach((name, tuple) -> put(roles, name, roleParser.parse(name, tuple, server)));
        checkMembershipCycles(roles);
        Map<String, Database> databases = new LinkedHashMap<>();
        DatabaseParser databaseParser = new DatabaseParser(problems, roleNames, settingsParser, baseDir);
        f.named("databases").forEach((name, tuple) -> put(databases, name, databaseParser.parse(name, tuple, memoryLimit)));
        List<HbaRule> hba = new ArrayList<>();
        HbaParser hbaParser = new HbaParser(problems, roleNames, databaseNames);
        for (Node item : f.list("hba")) {
            HbaRule rule = hbaParser.parse(item, server);
            if (rule != null) {
                hba.add(rule);
            }
        }
        if ((!roles.isEmpty() || !databases.isEmpty()) && f.has("listen_addresses") && !listen.contains("*")
                && !listen.contains("0.0.0.0") && (staticAddress == null || !listen.contains(staticAddress))) {
            problems.error(f.value("listen_addresses"), "provision manages the roles and databases of " + server
                    + " through its address on the bridge, and listen_addresses " + listen + " does not include it",
                    "add \"*\"" + (staticAddress == null ? "" : " or \"" + staticAddress + "\"")
                            + " (pg_hba still admits only the rules you declare), or leave listen_addresses out");
        }
        Backups backups = f.has("backups") ? new BackupsParser(problems).parse(f.value("backups"), container) : null;
        if (f.has("backups")) {
            for (String archiving : List.of("archive_mode", "archive_command", "archive_library")) {
                Setting setting = settings.get(archiving);
                if (setting != null) {
                    problems.error(setting.at(), archiving + " is set by provision for the backups of " + server
                            + " (WAL goes to pgBackRest)", "remove " + archiving + " from settings, or remove backups");
                }
            }
        }
        return new Postgres(problems.at(node), version, source, listen, port, settings, hba, roles, databases, backups);
    }

    private List<String> listenAddresses(Fields f) {
        if (!f.has("listen_addresses")) {
            return List.of("*"); // pg_hba decides who gets in; provision's admin tunnel arrives on the bridge address
        }
        List<String> addresses = new ArrayList<>();
        for (Node item : f.list("listen_addresses")) {
            String address = Fields.scalar(item, "listen_addresses entry", problems);
            if (address != null && !LISTEN.matcher(address).matches()) {
                problems.error(item, "listen address \"" + address + "\" is not valid",
                        "write \"*\", localhost, or an IP address or host name");
            } else if (address != null) {
                addresses.add(address);
            }
        }
        return addresses;
    }

    /** PostgreSQL refuses a role that is, through member_of, a member of itself. */
    private void checkMembershipCycles(Map<String, Role> roles) {
        for (Role start : roles.values()) {
            Deque<String> pending = new ArrayDeque<>(start.memberOf());
            Set<String> seen = new HashSet<>();
            while (!pending.isEmpty()) {
                String group = pending.pop();
                if (group.equals(start.name()) && !start.memberOf().contains(start.name())) {
                    problems.error(start.at(), "role \"" + start.name() + "\" is, through member_of, a member of itself",
                            "remove one member_of entry from the loop");
                    break;
                }
                Role role = roles.get(group);
                if (seen.add(group) && role != null) {
                    pending.addAll(role.memberOf());
                }
            }
        }
    }

    /**
     * The parameter catalogue settings are checked against: the major's own; for a major packaged
     * somewhere but without a catalogue here (Ubuntu's 12, 14, 16), the nearest one, with a warning;
     * {@code null} after an error for a major nothing packages.
     */
    private ParameterCatalog catalog(Fields f, int version) {
        Optional<ParameterCatalog> own = ParameterCatalog.forVersion(version);
        if (own.isPresent()) {
            return own.get();
        }
        Set<Integer> packaged = new TreeSet<>(ParameterCatalog.versions());
        PostgresReleases.all().forEach(r -> packaged.addAll(r.majors()));
        int nearest = ParameterCatalog.versions().stream()
                .min(Comparator.comparingInt((Integer v) -> Math.abs(v - version)).thenComparing(v -> -v)).orElseThrow();
        if (packaged.contains(version)) {
            problems.warning(f.value("version"), "settings of PostgreSQL " + version + " are checked against PostgreSQL "
                            + nearest + "'s parameters (no catalogue of " + version + " could be generated here)",
                    "a parameter added or removed in " + version + " is caught by the server at apply, not by validate");
        } else {
            problems.error(f.value("version"), "PostgreSQL " + version + " is not supported",
                    "use one of " + packaged.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
                            + " (docs/inventory.md has the table of releases and majors)");
            return null;
        }
        return ParameterCatalog.forVersion(nearest).orElseThrow();
    }

    /** provision installs PostgreSQL with apt: a download image of another distribution cannot have it. */
    private void checkAptDistro(Image image, String container) {
        if (image == null || !"download".equals(image.template()) || image.distro() == null
                || PostgresReleases.distros().contains(image.distro())) {
            return;
        }
        String hint = Suggestions.hint(image.distro(), PostgresReleases.distros());
        problems.error(image.at(), "container \"" + container + "\" declares postgres, and provision installs PostgreSQL"
                        + " with apt, which distro \"" + image.distro() + "\" does not have",
                (hint.isEmpty() ? "" : hint + " ") + "use distro " + String.join(" or ", PostgresReleases.distros()));
    }

    private static <T> void put(Map<String, T> map, String name, T value) {
        if (value != null) {
            map.put(name, value);
        }
    }
}
