package dev.provision.resource.lxc;

import dev.provision.host.HostPaths;
import dev.provision.connect.Connections;
import dev.provision.plan.PlanningFailed;
import dev.provision.probe.Probe;
import dev.provision.probe.ProbeOutput;
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
        List<ProbeOutput.Entry> entries = ProbeOutput.parse(output);
        for (int i = 0; i < entries.size(); i++) {
            ProbeOutput.Entry entry = entries.get(i);
            String value = entry.value();
            switch (entry.key()) {
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
                    List<String> parts = entry.fields(-1);
                    if (parts.size() >= 3) {
                        configured.put(parts.get(0), new AddressesInUse.Configured(parts.get(0), orNull(parts.get(1)),
                                orNull(parts.get(2)), parts.size() > 3 ? orNull(parts.get(3)) : null));
                    }
                }
                case "dhcp-range" -> {
                    List<String> parts = entry.fields(-1);
                    if (parts.size() == 3) {
                        dhcpRanges.put(parts.get(0), List.of(parts.get(1), parts.get(2)));
                    }
                }
                case "lease" -> {
                    List<String> parts = entry.fields(-1);
                    if (parts.size() >= 3) {
                        leases.add(new AddressesInUse.Lease(parts.get(0), parts.get(1), parts.get(2)));
                    }
                }
                case "base" -> {
                    String name = entry.field(0, 4, "");
                    BaseState.Status status = switch (entry.field(1, 4, "absent")) {
                        case "ready" -> BaseState.Status.READY;
                        case "incomplete" -> BaseState.Status.INCOMPLETE;
                        case "foreign" -> BaseState.Status.FOREIGN;
                        default -> BaseState.Status.ABSENT;
                    };
                    String snapshots = entry.field(3, 4, "0");
                    bases.put(name, new BaseState(name, status, entry.field(2, 4, null),
                            snapshots.matches("\\d{1,6}") ? Integer.parseInt(snapshots) : 0));
                }
                case "now" -> now = value.strip();
                case "bridge" -> {
                    String address = entry.field(1, -1, "-");
                    bridges.put(entry.field(0, -1, ""), address.equals("-") ? null : address);
                }
                case "incomplete" -> containers.put(value, ContainerState.incomplete(value));
                case "owned" -> {
                    List<String> parts = entry.fields(3);
                    if (parts.size() >= 2) {
                        owned.put(parts.get(0), new OwnedContainer(parts.get(0), parts.get(1), parts.size() > 2 ? parts.get(2) : ""));
                    }
                }
                case "exists" -> existing.add(value);
                case "absent" -> {
                    String name = entry.field(0, -1, "");
                    containers.put(name, ContainerState.absent(name, entry.fields(-1).size() > 1));
                }
                case "container" -> {
                    // container NAME, then: state, ipv4, live (one per value read), and the config block
                    String state = entries.get(++i).value();
                    String ipv4Line = entries.get(++i).value();
                    List<String> ipv4 = ipv4Line.isEmpty() ? List.of() : List.of(ipv4Line.split("\\s+"));
                    Map<String, String> live = new LinkedHashMap<>();
                    while (entries.get(++i).key().equals("live")) {
                        live.put(entries.get(i).field(0, 2, ""), entries.get(i).field(1, 2, "").strip());
                    }
                    // entries.get(i) is the config block
                    containers.put(value, new ContainerState(value, true, state, ipv4,
                            LxcConfig.parse(entries.get(i).text().strip() + "\n"), false, false, live));
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
