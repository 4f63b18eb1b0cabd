package dev.provision.resource.pgserver;

import dev.provision.postgres.Locales;

import dev.provision.host.HostPaths;
import dev.provision.connect.Connections;
import dev.provision.plan.PlanningFailed;
import dev.provision.probe.Probe;
import dev.provision.probe.ProbeOutput;
import dev.provision.transport.CommandResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a container's PostgreSQL server through the LXC host with one probe, batched with the host's. Changes nothing. */
public final class ServerReader {
    private static final String PROBE = HostPaths.script(ServerReader.class, "probe-server.sh");

    /**
     * The probe that reads the server of {@code container} (PostgreSQL {@code version}, on {@code bridge})
     * on {@code host}, and makes {@code reads} (a psql script, possibly empty) in the same psql session;
     * their output follows the server's, from its first {@code @@} line on.
     */
    public static Probe probe(String host, String container, int version, String bridge, String reads) {
        return new Probe(host, "provision-probe-server", PROBE,
                List.of(container, String.valueOf(version), ServerFiles.CLUSTER, bridge, reads));
    }

    public ServerState read(Probe probe, Connections connections) {
        CommandResult result = connections.probes().run(probe, Duration.ofSeconds(60));
        if (!result.succeeded()) {
            throw new PlanningFailed("containers." + probe.args().get(0) + ".postgres: reading the server through host "
                    + probe.host() + " failed with exit status " + result.exitStatus() + ": " + result.stderr().strip());
        }
        return parse(result.stdout());
    }

    /** Parses the probe's output; pure, so it is tested without a host. */
    static ServerState parse(String output) {
        String hostAddress = "";
        boolean adminSecret = false;
        boolean adminRole = false;
        List<Integer> installed = new ArrayList<>();
        boolean unfinished = false;
        List<Integer> available = new ArrayList<>();
        Set<String> locales = new HashSet<>();
        String cluster = "absent";
        String pid = "";
        Map<String, String> files = new HashMap<>();
        Map<String, String> contexts = new HashMap<>();
        Set<String> pending = new HashSet<>();
        for (ProbeOutput.Entry entry : ProbeOutput.parse(output)) {
            String value = entry.value();
            switch (entry.key()) {
                case "hostaddr" -> hostAddress = value.contains("/") ? value.substring(0, value.indexOf('/')) : value;
                case "admin-secret" -> adminSecret = value.equals("yes");
                case "container-down" -> {
                    return ServerState.containerDown(hostAddress);
                }
                case "installed" -> numbers(value, installed);
                case "unfinished" -> unfinished = value.equals("yes");
                case "available" -> numbers(value, available);
                case "locales" -> {
                    for (String l : value.split("\\s+")) {
                        if (!l.isBlank()) {
                            locales.add(Locales.normalize(l));
                        }
                    }
                }
                case "cluster" -> cluster = value;
                case "pid" -> pid = value;
                case "file" -> {
                    // the probe adds one newline after each file so the end marker starts its own line
                    String text = entry.text();
                    files.put(value, text.substring(0, Math.max(0, text.length() - 1)));
                }
                case "settings" -> {
                    for (String line : entry.block()) {
                        String[] parts = line.split("\\|");
                        if (parts.length == 3 && parts[0].equals("provision:admin-role")) {
                            adminRole = parts[1].equals("provision_admin");
                        } else if (parts.length == 3) {
                            contexts.put(parts[0], parts[1]);
                            if (parts[2].equals("t")) {
                                pending.add(parts[0]);
                            }
                        }
                    }
                }
                default -> { }
            }
        }
        return new ServerState(hostAddress, adminSecret && adminRole, true, installed, unfinished, available, locales, cluster, pid, files, contexts, pending);
    }

    private static void numbers(String value, List<Integer> into) {
        for (String part : value.split("\\s+")) {
            if (part.matches("\\d+")) {
                into.add(Integer.parseInt(part));
            }
        }
    }
}
