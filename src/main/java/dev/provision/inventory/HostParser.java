package dev.provision.inventory;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** Reads one entry of {@code hosts}; the names of all declared hosts are known up front for {@code jump}. */
final class HostParser {
    private static final List<String> SSH_ONLY = List.of("address", "port", "user", "identity", "known_hosts",
            "accept_new_host_key", "jump");
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.:-]{1,253}");

    private final Problems problems;
    private final Set<String> hostNames;

    HostParser(Problems problems, Set<String> hostNames) {
        this.problems = problems;
        this.hostNames = hostNames;
    }

    Host parse(String name, NodeTuple entry) {
        if (!SafeNames.HOST.matcher(name).matches()) {
            problems.error(entry.getKeyNode(), "host name \"" + name + "\" is not allowed",
                    "use letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        String what = "host \"" + name + "\"";
        Fields f = Fields.open(entry.getValueNode(), InventoryKeys.HOST, what, problems).orElse(null);
        if (f == null) {
            return null;
        }
        String transportName = f.choice("transport", List.of("ssh", "local"), null);
        boolean prepare = f.bool("prepare", false);
        if (transportName == null && f.has("transport")) {
            return null; // reported; checking ssh keys against an unknown transport would only add noise
        }
        Host.TransportKind transport = transportName == null ? Host.TransportKind.SSH
                : Host.TransportKind.valueOf(transportName.toUpperCase(Locale.ROOT));
        if (transport == Host.TransportKind.LOCAL) {
            for (String key : SSH_ONLY) {
                if (f.has(key)) {
                    problems.error(f.key(key), key + " applies only to ssh hosts, and " + what + " is local",
                            "remove " + key + ", or remove transport: local");
                }
            }
            return new Host(name, problems.at(entry.getKeyNode()), transport, null, 0, null, null, null, false, null, prepare);
        }
        String address = f.required("address");
        if (address != null && !ADDRESS.matcher(address).matches()) {
            problems.error(f.value("address"), "address of " + what + " is not a host name or IP address",
                    "write a DNS name, an IPv4 address or an IPv6 address, without user@ or :port");
        }
        int port = f.integer("port", 22, 1, 65535);
        String user = f.text("user", "root");
        if (!USER.matcher(user).matches()) {
            problems.error(f.value("user"), "user of " + what + " is not a valid login name",
                    "use lower-case letters, digits, '_' and '-'");
        }
        String identity = path(f, "identity");
        String knownHosts = path(f, "known_hosts");
        boolean acceptNew = f.bool("accept_new_host_key", false);
        String jump = f.text("jump");
        if (jump != null) {
            if (jump.equals(name)) {
                problems.error(f.value("jump"), what + " cannot jump through itself", "remove jump, or name another host");
            } else if (!hostNames.contains(jump)) {
                String hint = Suggestions.hint(jump, hostNames);
                problems.error(f.value("jump"), "jump host \"" + jump + "\" is not declared under hosts",
                        hint.isEmpty() ? "declare it under hosts or fix the name" : hint);
            }
        }
        return new Host(name, problems.at(entry.getKeyNode()), transport, address, port, user, identity, knownHosts,
                acceptNew, jump, prepare);
    }

    private String path(Fields f, String key) {
        String path = f.text(key);
        if (path != null && (path.isBlank() || path.chars().anyMatch(c -> c < 0x20))) {
            problems.error(f.value(key), f.label(key) + " is not a usable path", "write a file path on this machine");
            return null;
        }
        return path;
    }
}
