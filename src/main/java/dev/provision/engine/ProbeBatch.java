package dev.provision.engine;

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
            // The probes run side by side, each into its own file of a private temporary directory
            // (removed however the batch ends); then their outputs are printed in order, each followed
            // by the marker and its exit status, and their stderr after all of them.
            StringBuilder script = new StringBuilder("d=$(mktemp -d \"${TMPDIR:-/tmp}/provision-probe.XXXXXX\") || exit 1\n"
                    + "trap 'rm -rf \"$d\"' EXIT\ntrap 'exit 1' HUP INT TERM\n");
            for (int i = 0; i < declared.size(); i++) {
                script.append(ShellQuoter.join(declared.get(i).argv())).append(" >\"$d/").append(i).append("\" 2>\"$d/").append(i)
                        .append(".err\" </dev/null & p").append(i).append("=$!\n");
            }
            for (int i = 0; i < declared.size(); i++) {
                script.append("wait $p").append(i).append("; s").append(i).append("=$?\n");
            }
            // A read loop prints each file as cat would (a final line without its newline included), one
            // program less per probe: on a small machine every program started costs a few milliseconds.
            script.append("out() { l=; while IFS= read -r l; do printf '%s\\n' \"$l\"; done <\"$1\"; printf '%s' \"$l\"; }\n");
            for (int i = 0; i < declared.size(); i++) {
                // the newline before the marker starts it on its own line, whatever the probe printed last
                script.append("out \"$d/").append(i).append("\"; printf '\\n%s %s\\n' ").append(marker).append(" \"$s").append(i)
                        .append("\"\n");
            }
            for (int i = 0; i < declared.size(); i++) {
                script.append("out \"$d/").append(i).append(".err\" >&2\n");
            }
            CommandResult all = transport.run(List.of("sh", "-c", script.toString(), "provision-probes"), null, timeout);
            return split(all, marker);
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
