package dev.provision.probe;

import java.util.List;

/**
 * One read-only shell script a driver runs on a host, with its arguments ({@code name} becomes its
 * {@code $0}). Probes are values, so the engine can batch a host's probes into one command and hand
 * each driver the output of its own, exactly as if it had run alone.
 */
public record Probe(String host, String name, String script, List<String> args) {
    public Probe {
        args = List.copyOf(args);
    }

    /** The command that runs this probe alone. */
    public List<String> argv() {
        List<String> argv = new java.util.ArrayList<>(List.of("sh", "-c", script, name));
        argv.addAll(args);
        return argv;
    }
}
