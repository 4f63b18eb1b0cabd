package dev.provision.resource.lxc;

import dev.provision.host.HostPaths;
import dev.provision.connect.Connections;
import dev.provision.plan.PlanningFailed;
import dev.provision.probe.Probe;
import dev.provision.transport.CommandResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a host and all its declared containers with one probe, batched with the host's other probes. */
public final class HostReader {
    private static final String PROBE = HostPaths.script(HostReader.class, "probe-host.sh");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** The probe that reads {@code host}, its {@code bridges}, the {@code bases} it may clone from and its {@code containers}. */
    public static Probe probe(String host, List<String> bridges, List<String> bases, List<String> containers) {
        List<String> args = new ArrayList<>(List.of(String.valueOf(bridges.size())));
        args.addAll(bridges);
        args.add(String.valueOf(bases.size()));
        args.addAll(bases);
        args.addAll(containers);
        return new Probe(host, "provision-probe", PROBE, args);
    }

    public HostState read(Probe probe, Connections connections) {
        CommandResult result = connections.probes().run(probe, TIMEOUT);
        if (!result.succeeded()) {
            throw new PlanningFailed("host " + probe.host() + " (" + connections.get(probe.host()).describe()
                    + "): reading its LXC state failed with exit status " + result.exitStatus() + ": " + result.stderr().strip());
        }
        return parse(probe.host(), result.stdout());
    }

    /** Parses the probe's output; pure, so it is tested without a host. */
    static HostState parse(String host, String output) {
        java.util.Set<String> packages = new java.util.HashSet<>();
        String osId = null;
        boolean cgroupV2 = false;
        String lxcPath = HostPaths.LXC_DEFAULT;
        java.util.Set<String> forwardAccepted = null;
        boolean dhcpDown = false;
        Map<String, String> bridges = new LinkedHashMap<>();
        Map<String, ContainerState> containers = new LinkedHashMap<>();
        boolean overlay = false;
        Map<String, BaseState> bases = new LinkedHashMap<>();
        String now = null;
        Map<String, OwnedContainer> owned = new LinkedHashMap<>();
        java.util.Set<String> existing = new java.util.HashSet<>();
        Map<String, AddressesInUse.Configured> configured = new LinkedHashMap<>();
        Map<String, List<String>> dhcpRanges = new LinkedHashMap<>();
        List<AddressesInUse.Lease> leases = new ArrayList<>();
        String[] lines = output.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String key = line.contains(" ") ? line.substring(0, line.indexOf(' ')) : line;
            String value = line.contains(" ") ? line.substring(line.indexOf(' ') + 1).strip() : "";
            switch (key) {
                case "cgroupfs" -> cgroupV2 = value.equals("cgroup2fs");
                case "package" -> packages.add(value);
                case "os" -> osId = value.isEmpty() ? null : value;
                case "lxcpath" -> lxcPath = value;
                case "forward-drop" -> {
                    forwardAccepted = new java.util.HashSet<>();
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("-[io] \\S+").matcher(value);
                    while (m.find()) {
                        forwardAccepted.add(m.group());
                    }
                }
                case "lxc-net-dhcp" -> dhcpDown = value.equals("down");
                case "snapshot" -> overlay = value.equals("overlay");
                case "existing" -> {
                    String[] parts = value.split(" ");
                    if (parts.length >= 3) {
                        configured.put(parts[0], new AddressesInUse.Configured(parts[0], orNull(parts[1]), orNull(parts[2]),
                                parts.length > 3 ? orNull(parts[3]) : null));
                    }
                }
                case "dhcp-range" -> {
                    String[] parts = value.split(" ");
                    if (parts.length == 3) {
                        dhcpRanges.put(parts[0], List.of(parts[1], parts[2]));
                    }
                }
                case "lease" -> {
                    String[] parts = value.split(" ");
                    if (parts.length >= 3) {
                        leases.add(new AddressesInUse.Lease(parts[0], parts[1], parts[2]));
                    }
                }
                case "base" -> {
                    String[] parts = value.split(" ", 4);
                    BaseState.Status status = switch (parts.length > 1 ? parts[1] : "absent") {
                        case "ready" -> BaseState.Status.READY;
                        case "incomplete" -> BaseState.Status.INCOMPLETE;
                        case "foreign" -> BaseState.Status.FOREIGN;
                        default -> BaseState.Status.ABSENT;
                    };
                    bases.put(parts[0], new BaseState(parts[0], status, parts.length > 2 ? parts[2] : null,
                            parts.length > 3 && parts[3].matches("\\d{1,6}") ? Integer.parseInt(parts[3]) : 0));
                }
                case "now" -> now = value.strip();
                case "bridge" -> {
                    String[] parts = value.split(" ");
                    bridges.put(parts[0], parts.length > 1 && !parts[1].equals("-") ? parts[1] : null);
                }
                case "incomplete" -> containers.put(value, ContainerState.incomplete(value));
                case "owned" -> {
                    String[] parts = value.split(" ", 3);
                    if (parts.length >= 2) {
                        owned.put(parts[0], new OwnedContainer(parts[0], parts[1], parts.length > 2 ? parts[2] : ""));
                    }
                }
                case "exists" -> existing.add(value);
                case "absent" -> {
                    String[] parts = value.split(" ");
                    containers.put(parts[0], ContainerState.absent(parts[0], parts.length > 1));
                }
                case "container" -> {
                    String name = value;
                    String state = lines[++i].substring("state ".length()).strip();
                    String ipv4Line = lines[++i].substring("ipv4".length()).strip();
                    List<String> ipv4 = ipv4Line.isEmpty() ? List.of() : List.of(ipv4Line.split("\\s+"));
                    Map<String, String> live = new LinkedHashMap<>();
                    while (lines[++i].startsWith("live ")) {
                        String[] kv = lines[i].substring("live ".length()).split(" ", 2);
                        live.put(kv[0], kv.length > 1 ? kv[1].strip() : "");
                    }
                    // lines[i] is config-begin
                    StringBuilder config = new StringBuilder();
                    while (!lines[++i].equals("config-end")) {
                        config.append(lines[i]).append('\n');
                    }
                    containers.put(name, new ContainerState(name, true, state, ipv4, LxcConfig.parse(config.toString().strip() + "\n"),
                            false, false, live));
                }
                default -> { }
            }
        }
        return new HostState(host, packages, osId, cgroupV2, lxcPath, forwardAccepted, dhcpDown, bridges, containers,
                overlay, bases, owned, existing, new AddressesInUse(configured, dhcpRanges, leases), now);
    }

    private static String orNull(String field) {
        return field.equals("-") ? null : field;
    }
}
