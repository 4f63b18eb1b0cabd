package dev.provision.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** Reads one entry of {@code containers}: its host, image, limits, network, mounts and PostgreSQL server. */
final class ContainerParser {
    static final List<String> TEMPLATES = List.of("download", "debian", "ubuntu");

    private final Problems problems;
    private final Set<String> hostNames;
    private final PostgresParser postgresParser;

    ContainerParser(Problems problems, Set<String> hostNames, PostgresParser postgresParser) {
        this.problems = problems;
        this.hostNames = hostNames;
        this.postgresParser = postgresParser;
    }

    Container parse(String name, NodeTuple entry) {
        if (!SafeNames.CONTAINER.matcher(name).matches()) {
            problems.error(entry.getKeyNode(), "container name \"" + name + "\" is not safe for lxc", SafeNames.CONTAINER_RULE);
        }
        String what = "container \"" + name + "\"";
        Fields f = Fields.open(entry.getValueNode(), InventoryKeys.CONTAINER, what, problems).orElse(null);
        if (f == null) {
            return null;
        }
        String host = f.required("host");
        if (host != null && !hostNames.contains(host)) {
            String hint = Suggestions.hint(host, hostNames);
            problems.error(f.value("host"), what + " is on host \"" + host + "\", which is not declared under hosts",
                    hint.isEmpty() ? "declare it under hosts or fix the name" : hint);
        }
        Image image = f.has("image") ? image(f.value("image"), what) : null;
        if (!f.has("image")) {
            f.missing("image");
        }
        Resources resources = resources(f, what);
        Network network = new NetworkParser(problems).parse(f.value("network"), entry.getKeyNode(), name);
        boolean autostart = f.bool("autostart", true);
        boolean isProtected = f.bool("protected", false);
        String hostname = hostname(f, name, entry.getKeyNode());
        List<Mount> mounts = mounts(f, what);
        Postgres postgres = f.has("postgres")
                ? postgresParser.parse(f.value("postgres"), name, resources == null ? null : resources.memoryBytes(),
                        network == null || network.isDhcp() ? null : network.ipv4().replaceFirst("/.*", ""), image)
                : null;
        return new Container(name, problems.at(entry.getKeyNode()), host, image, resources, network, autostart,
                isProtected, hostname, mounts, postgres);
    }

    /** The hostname as written, or the container's name, which must then be a valid hostname too. */
    private String hostname(Fields f, String name, Node key) {
        String hostname = f.text("hostname");
        if (hostname != null && !SafeNames.HOSTNAME.matcher(hostname).matches()) {
            problems.error(f.value("hostname"), "hostname \"" + hostname + "\" is not a valid host name",
                    "use lower-case letters, digits and inner hyphens, at most 63 characters");
        } else if (hostname == null && SafeNames.CONTAINER.matcher(name).matches()
                && !SafeNames.HOSTNAME.matcher(name).matches()) {
            problems.error(key, "container name \"" + name + "\" is not a valid host name, and hostname is not set",
                    "set hostname, or rename the container so that it does not end with a hyphen");
        }
        return hostname == null ? name : hostname;
    }

    private Image image(Node node, String container) {
        String what = "image of " + container;
        Fields f = Fields.open(node, InventoryKeys.IMAGE, what, problems).orElse(null);
        if (f == null) {
            return null;
        }
        String template = f.choice("template", TEMPLATES, null);
        if (!f.has("template")) {
            f.missing("template");
        }
        String release = word(f, "release", f.required("release"));
        String distro = word(f, "distro", f.text("distro"));
        String arch = word(f, "arch", f.text("arch"));
        if ("download".equals(template)) {
            if (distro == null && !f.has("distro")) {
                f.missing("distro");
            }
            arch = arch == null ? "amd64" : arch;
        } else if (template != null) {
            for (String key : List.of("distro", "arch")) {
                if (f.has(key)) {
                    problems.error(f.key(key), key + " applies only to template: download, and this image uses " + template,
                            "remove " + key + ", or use template: download");
                }
            }
        }
        checkRelease(f, template == null || "download".equals(template) ? distro : template, release);
        return new Image(problems.at(node), template, distro, release, arch);
    }

    /** A release of a distribution in {@link PostgresReleases} must be one of its rows: a typo gets a did-you-mean. */
    private void checkRelease(Fields f, String distro, String release) {
        List<String> known = distro == null ? List.of() : PostgresReleases.releases(distro);
        if (release == null || known.isEmpty() || known.contains(release)) {
            return;
        }
        String hint = Suggestions.hint(release, known);
        problems.error(f.value("release"), distro + " release \"" + release + "\" is not one provision knows",
                (hint.isEmpty() ? "" : hint + " ") + "use one of " + String.join(", ", known) + " (docs/inventory.md)");
    }

    private String word(Fields f, String key, String value) {
        if (value != null && !SafeNames.WORD.matcher(value).matches()) {
            problems.error(f.value(key), f.label(key) + " \"" + value + "\" has characters that are not allowed",
                    "use letters, digits, '.', '_' and '-'");
            return null;
        }
        return value;
    }

    private Resources resources(Fields container, String what) {
        Node node = container.value("resources");
        if (node == null) {
            return Resources.unlimited(problems.at(container.node()));
        }
        Fields f = Fields.open(node, InventoryKeys.RESOURCES, "resources of " + what, problems).orElse(null);
        if (f == null) {
            return null;
        }
        Long memory = null;
        String text = f.text("memory");
        if (text != null) {
            OptionalLong bytes = ByteSize.parse(text);
            if (bytes.isEmpty() || bytes.getAsLong() < (1L << 20)) {
                problems.error(f.value("memory"), f.label("memory") + " must be a size such as 512MiB or 2GiB, not \"" + text + "\"",
                        "write a number followed by one of " + String.join(", ", ByteSize.UNITS) + " (all binary: 1MB = 1MiB)");
            } else {
                memory = bytes.getAsLong();
            }
        }
        Integer cpus = f.integer("cpus", 1, 1024);
        return new Resources(problems.at(node), memory, cpus);
    }

    private List<Mount> mounts(Fields container, String what) {
        List<Mount> mounts = new ArrayList<>();
        for (Node item : container.list("mounts")) {
            Fields f = Fields.open(item, InventoryKeys.MOUNT, "mount of " + what, problems).orElse(null);
            if (f == null) {
                continue;
            }
            String source = absolute(f, f.required("source"), "source", "a directory on the host");
            String target = absolute(f, f.required("target"), "target", "a directory inside the container");
            mounts.add(new Mount(problems.at(item), source, target, f.bool("read_only", false)));
        }
        return mounts;
    }

    private String absolute(Fields f, String path, String key, String meaning) {
        if (path != null && !SafeNames.isCleanAbsolutePath(path)) {
            problems.error(f.value(key), key + " must be an absolute path, not \"" + path + "\"", "write " + meaning + " starting with /");
            return null;
        }
        return path;
    }
}
