package dev.provision.engine;

import dev.provision.host.HostPaths;
import dev.provision.connect.Connections;
import dev.provision.probe.Probe;
import dev.provision.probe.ProbeOutput;
import dev.provision.transport.ScriptResource;

import dev.provision.inventory.Container;
import dev.provision.inventory.Inventory;
import dev.provision.plan.Step;
import dev.provision.transport.CommandResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * provision's record, on each host, of the desired state it last applied to each resource of a
 * container ({@link HostPaths#APPLIED}{@code /<container>/<address>}, root only): read by every plan in the
 * host's probe batch, and written by a last step of each change apply runs. Tests that share one
 * machine give each engine its own directory.
 */
public final class AppliedRecords {
    private static final String READ = ScriptResource.load(AppliedRecords.class, "read-applied.sh");
    private static final String RECORD = ScriptResource.load(AppliedRecords.class, "record-applied.sh");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Where the records are on every host. */
    public static final String DIRECTORY = HostPaths.APPLIED;

    private final Map<String, String> byAddress;

    private AppliedRecords(Map<String, String> byAddress) {
        this.byAddress = Map.copyOf(byAddress);
    }

    /** One probe per host that has containers, reading the given containers' records in {@code directory}. */
    static List<Probe> probes(String directory, Inventory inventory, java.util.function.Predicate<Container> selected) {
        Map<String, List<String>> byHost = new java.util.LinkedHashMap<>();
        inventory.containers().values().stream().filter(selected)
                .forEach(c -> byHost.computeIfAbsent(c.host(), h -> new java.util.ArrayList<>(List.of(directory))).add(c.name()));
        return byHost.entrySet().stream().map(e -> new Probe(e.getKey(), "provision-applied", READ, e.getValue())).toList();
    }

    /** Reads the records the probes find; a host whose read fails has no records (the planners' causes stand). */
    static AppliedRecords read(List<Probe> probes, Connections connections) {
        Map<String, String> all = new HashMap<>();
        for (Probe probe : probes) {
            CommandResult result = connections.probes().run(probe, TIMEOUT);
            if (result.succeeded()) {
                all.putAll(parse(result.stdout()));
            }
        }
        return new AppliedRecords(all);
    }

    /** The records {@code applied ADDRESS STATE} ({@link ProbeOutput}); pure. */
    static Map<String, String> parse(String output) {
        Map<String, String> records = new HashMap<>();
        for (ProbeOutput.Entry entry : ProbeOutput.parse(output)) {
            List<String> fields = entry.fields(2);
            if (entry.key().equals("applied") && !fields.isEmpty()) {
                records.put(fields.get(0), fields.size() > 1 ? fields.get(1) : "");
            }
        }
        return records;
    }

    /** The state recorded for {@code address} at its last apply, or {@code null}. */
    public String of(String address) {
        return byAddress.get(address);
    }

    /** The step that records {@code state} as what was applied to {@code address}, a resource of {@code container}. */
    static Step record(String directory, String host, String container, String address, String state) {
        return new Step.Run(host, List.of("sh", "-c", RECORD, "provision-record", directory, container, address), state, TIMEOUT,
                "record the state applied to " + address + " in " + directory + "/" + container + "/", false);
    }

    /** The step that forgets {@code address}, removed by the change it ends. */
    static Step forget(String directory, String host, String container, String address) {
        return new Step.Run(host, List.of("sh", "-c", RECORD, "provision-record", directory, container, address, "remove"), null,
                TIMEOUT, "forget " + address + " in " + directory + "/" + container + "/", false);
    }
}
