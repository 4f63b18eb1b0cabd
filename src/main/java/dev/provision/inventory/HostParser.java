package dev.provision.inventory;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** Reads one entry of {@code hosts}; the names of all declared hosts are known up front for {@code jump}. */
final class HostParser {
    private static final List<String> SSH_ONLY = List.of("address", "port", "user", "identity", "known_hosts",
            "accept_new_host_key", "jump", "identity_passphrase", "become", "ssh_config");
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
        java.time.Duration baseMaxAge = baseMaxAge(f);
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
            return new Host(name, problems.at(entry.getKeyNode()), transport, null, 0, null, null, null, false, null, prepare,
                    null, Host.Become.NONE, null, baseMaxAge);
        }
        String address = f.required("address");
        if (address != null && !ADDRESS.matcher(address).matches()) {
            problems.error(f.value("address"), "address of " + what + " is not a host name or IP address",
                    "write a DNS name, an IPv4 address or an IPv6 address, without user@ or :port");
        }
        Integer declaredPort = f.has("port") ? f.integer("port", 1, 65535) : null;
        int port = declaredPort == null ? 0 : declaredPort;
        String user = f.text("user");
        if (user != null && !USER.matcher(user).matches()) {
            problems.error(f.value("user"), "user of " + what + " is not a valid login name",
                    "use lower-case letters, digits, '_' and '-'");
        }
        String identity = path(f, "identity");
        String knownHosts = path(f, "known_hosts");
        String sshConfig = path(f, "ssh_config");
        SecretRef passphrase = null;
        if (f.has("identity_passphrase")) {
            passphrase = new SecretParser(problems).parse(f.value("identity_passphrase"), "identity_passphrase", what);
            if (passphrase != null && passphrase.generate()) {
                problems.error(f.value("identity_passphrase"), "generate makes no sense for identity_passphrase of " + what
                        + ": the passphrase must be the one the key was encrypted with", "remove generate");
            }
        }
        String becomeName = f.choice("become", List.of("sudo", "none"), null);
        Host.Become become = becomeName == null ? Host.Become.AUTO : Host.Become.valueOf(becomeName.toUpperCase(Locale.ROOT));
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
                acceptNew, jump, prepare, passphrase, become, sshConfig, baseMaxAge);
    }

    /** {@code base_max_age}: days or hours ({@code 30d}, {@code 12h}), or {@code 0} for bases that never age. */
    private java.time.Duration baseMaxAge(Fields f) {
        String text = f.text("base_max_age");
        if (text == null) {
            return Host.DEFAULT_BASE_MAX_AGE;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,5})([dh])").matcher(text.strip());
        if (text.strip().equals("0")) {
            return java.time.Duration.ZERO;
        }
        if (!m.matches()) {
            problems.error(f.value("base_max_age"), f.label("base_max_age") + " must be a number of days or hours such as 30d"
                    + " or 12h, not \"" + text + "\"", "write e.g. 30d, or 0 to keep bases however old they are");
            return Host.DEFAULT_BASE_MAX_AGE;
        }
        long n = Long.parseLong(m.group(1));
        return m.group(2).equals("d") ? java.time.Duration.ofDays(n) : java.time.Duration.ofHours(n);
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
