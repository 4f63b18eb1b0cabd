package dev.provision.probe;

import dev.provision.transport.CommandResult;
import dev.provision.transport.ShellQuoter;
import dev.provision.transport.Transport;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The probes the drivers declared for one plan, run as one command per host: a host and all its
 * containers cost one round trip instead of one per driver and container, and its probes run side by
 * side. Each probe runs in its own {@code sh -c}, as it would alone, and its output, stderr aside,
 * reaches its driver unchanged.
 * Results last until the plan ends (reading changes nothing, so a probe asked for twice in one plan
 * reads the same); a probe never declared, or asked for once the plan is over, runs alone.
 */
public final class ProbeBatch {
    private final Function<String, Transport> hosts;
    private final Map<String, HostProbes> byHost = new HashMap<>();
    private final Set<Probe> declared = new HashSet<>();

    /** @param hosts the open connection of a host, by name */
    public ProbeBatch(Function<String, Transport> hosts) {
        this.hosts = hosts;
    }

    /** Declares the probes a plan is going to run; they run together when the first of a host's is asked for. */
    public synchronized void declare(List<Probe> probes) {
        for (Probe probe : probes) {
            byHost.computeIfAbsent(probe.host(), HostProbes::new).declare(probe);
            declared.add(probe);
        }
    }

    /** Forgets every declared probe and every result (a plan is over; the next one reads again). */
    public synchronized void clear() {
        byHost.clear();
        declared.clear();
    }

    /** The probe's result: from its host's batch when it was declared for the plan being made, else from running it alone. */
    public CommandResult run(Probe probe, Duration timeout) {
        HostProbes host;
        synchronized (this) {
            // an undeclared probe must not wait for its host's batch to finish
            host = declared.contains(probe) ? byHost.get(probe.host()) : null;
        }
        CommandResult batched = host == null ? null : host.take(probe, timeout);
        return batched != null ? batched : hosts.apply(probe.host()).run(probe.argv(), null, timeout);
    }

    /**
     * The script that runs {@code probes} side by side and prints their outputs in order, each
     * followed by a line with the marker and its exit status, and their stderr in the same order.
     * Nothing is written to a file, not even for a moment (a probe may print a secret, and a run
     * killed with SIGKILL would leave the file behind): each probe is a stage of one pipeline, so all
     * start at once; a stage keeps its probe's output in memory (command substitutions), waits until
     * the stage before it has ended (end of file on the pipe between them, through which nothing else
     * passes), then prints it on the script's own stdout (fd 3) and its stderr on stderr.
     */
    static String script(List<Probe> probes, String marker) {
        StringBuilder script = new StringBuilder("{ ");
        for (int i = 0; i < probes.size(); i++) {
            // "x" keeps the trailing newlines a command substitution would strip: output passes byte for byte
            script.append(i == 0 ? "" : " | ")
                    .append("{ e=$( { o=$(").append(ShellQuoter.join(probes.get(i).argv()))
                    .append(" </dev/null 2>&4 3>&- 4>&-; s=$?; printf x; exit $s); s=$?; ")
                    .append(i == 0 ? "" : "while read -r _; do :; done; ")
                    .append("printf '%s\\n%s %s\\n' \"${o%x}\" ").append(marker).append(" \"$s\" >&3; } 4>&1; printf x); ")
                    .append("printf '%s' \"${e%x}\" >&2; }").append(i == 0 ? " </dev/null" : "");
        }
        return script.append("; } 3>&1\n").toString();
    }

    /** One host's declared probes; the first one asked for runs them all, in declaration order. */
    private final class HostProbes {
        private final String host;
        private final List<Probe> declared = new ArrayList<>();
        private final Map<Probe, CommandResult> results = new LinkedHashMap<>();
        private boolean ran;

        HostProbes(String host) {
            this.host = host;
        }

        synchronized void declare(Probe probe) {
            if (!ran && !declared.contains(probe)) {
                declared.add(probe);
            }
        }

        synchronized CommandResult take(Probe probe, Duration timeout) {
            if (!ran && declared.contains(probe)) {
                ran = true;
                results.putAll(runAll(timeout));
            }
            return results.get(probe);
        }

        private Map<Probe, CommandResult> runAll(Duration timeout) {
            Transport transport = hosts.apply(host);
            if (declared.size() == 1) {
                return Map.of(declared.get(0), transport.run(declared.get(0).argv(), null, timeout));
            }
            String marker = "@@provision-probe-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
            return split(transport.run(List.of("sh", "-c", script(declared, marker), "provision-probes"), null, timeout), marker);
        }

        /** Cuts the batch's output at the markers; a probe the batch did not reach gets the batch's failure. */
        private Map<Probe, CommandResult> split(CommandResult all, String marker) {
            Map<Probe, CommandResult> out = new LinkedHashMap<>();
            String rest = all.stdout();
            for (Probe probe : declared) {
                int at = rest.indexOf("\n" + marker + " ");
                if (at < 0) {
                    out.put(probe, new CommandResult(all.succeeded() ? 1 : all.exitStatus(), rest, all.stderr()));
                    rest = "";
                    continue;
                }
                int end = rest.indexOf('\n', at + 1);
                String status = rest.substring(at + marker.length() + 2, end < 0 ? rest.length() : end).strip();
                out.put(probe, new CommandResult(Integer.parseInt(status), rest.substring(0, at), all.stderr()));
                rest = end < 0 ? "" : rest.substring(end + 1);
            }
            return out;
        }
    }
}
