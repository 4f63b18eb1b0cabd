package dev.provision.resource.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provision.cache.CacheDirectory;
import dev.provision.connect.Connections;
import dev.provision.plan.PlanningFailed;
import dev.provision.probe.Probe;
import dev.provision.transport.ScriptResource;
import dev.provision.inventory.Container;
import dev.provision.transport.CommandResult;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads a server's backups through its LXC host with one probe, batched with the host's others. Changes nothing. */
public final class BackupReader {
    private static final String PROBE = ScriptResource.load(BackupReader.class, "probe-backups.sh");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CacheDirectory cache;

    /** A reader that remembers each repository's last {@code pgbackrest info} in the user's cache. */
    public BackupReader() {
        this(CacheDirectory.standard("backups"));
    }

    /** @param cache where the last {@code pgbackrest info} of each repository is remembered, with its fingerprint */
    BackupReader(CacheDirectory cache) {
        this.cache = cache;
    }

    /**
     * The probe that reads the backups of {@code container}'s server; it skips {@code pgbackrest info} when the
     * repository's backup.info is the one whose answer this reader remembers.
     */
    public Probe probe(Container container) {
        String known = remembered(container).map(r -> r.substring(0, r.indexOf('\n'))).orElse("");
        List<String> args = new ArrayList<>(List.of(container.name(), container.postgres().backups().repository(),
                String.valueOf(container.postgres().version()), ServerPaths.CLUSTER, known));
        args.addAll(BackupFiles.managedPaths());
        return new Probe(container.host(), "provision-probe-backups", PROBE, args);
    }

    public BackupState read(Container container, Connections connections) {
        Probe probe = probe(container);
        CommandResult result = connections.probes().run(probe, Duration.ofSeconds(60));
        if (!result.succeeded()) {
            throw new PlanningFailed("containers." + probe.args().get(0) + ".postgres.backups: reading the backups through host "
                    + probe.host() + " failed with exit status " + result.exitStatus() + ": " + result.stderr().strip());
        }
        String output = result.stdout();
        String fingerprint = line(output, "info-fingerprint ");
        String info = line(output, "info ");
        if (output.lines().anyMatch(l -> l.equals("info-unchanged"))) {
            String remembered = remembered(container).orElse("\n");
            output = output + "\ninfo " + remembered.substring(remembered.indexOf('\n') + 1) + "\n";
        } else if (info != null && fingerprint != null && !fingerprint.isEmpty() && stanza(info).exists()) {
            // only a healthy answer is remembered: one that reports a problem is asked again next time
            cache.write(key(container), fingerprint + "\n" + info);
        }
        return parse(output);
    }

    private java.util.Optional<String> remembered(Container container) {
        return cache.read(key(container)).filter(r -> r.indexOf('\n') > 0);
    }

    private static String key(Container container) {
        return CacheDirectory.sha256(container.host() + "\n" + container.name() + "\n" + container.postgres().backups().repository());
    }

    /** The rest of the first line of {@code output} that starts with {@code prefix}, or {@code null}. */
    private static String line(String output, String prefix) {
        return output.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).strip())
                .findFirst().orElse(null);
    }

    /** Parses the probe's output; pure, so it is tested without a host. */
    static BackupState parse(String output) {
        boolean repository = false;
        boolean installed = false;
        Map<String, String> files = new HashMap<>();
        String cipher = null;
        List<String> timers = new ArrayList<>();
        Map<String, Boolean> enabled = new HashMap<>();
        BackupState.Archiver archiver = null;
        BackupState.StanzaInfo stanza = null;
        String[] lines = output.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String key = line.contains(" ") ? line.substring(0, line.indexOf(' ')) : line;
            String value = line.contains(" ") ? line.substring(line.indexOf(' ') + 1).strip() : "";
            switch (key) {
                case "repository" -> repository = value.equals("yes");
                case "container-down" -> {
                    return new BackupState(repository, false, false, Map.of(), null, Map.of(), null, null);
                }
                case "installed" -> installed = value.equals("yes");
                case "file-begin" -> {
                    StringBuilder text = new StringBuilder();
                    while (i + 1 < lines.length && !lines[++i].equals("file-end")) {
                        text.append(lines[i]).append('\n');
                    }
                    files.put(value, text.substring(0, Math.max(0, text.length() - 1)));
                    if (value.endsWith(".timer")) {
                        timers.add(value.substring(value.lastIndexOf('/') + 1));
                    }
                }
                case "cipher" -> cipher = value;
                case "enabled" -> {
                    String[] states = value.split("\\s+");
                    for (int t = 0; t < timers.size(); t++) {
                        enabled.put(timers.get(t), t < states.length && states[t].equals("enabled"));
                    }
                }
                case "archiver" -> archiver = archiver(value);
                case "info" -> stanza = stanza(value);
                default -> { }
            }
        }
        return new BackupState(repository, true, installed, files, cipher, enabled, archiver, stanza);
    }

    private static BackupState.Archiver archiver(String value) {
        String[] p = value.split("\\s+");
        if (p.length < 7) {
            return null; // the query failed (the server is starting or stopping): nothing to judge
        }
        try {
            return new BackupState.Archiver(Long.parseLong(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2]),
                    Long.parseLong(p[3]), Long.parseLong(p[4]), p[5].equals("-") ? "" : p[5], p[6]);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The stanza in {@code pgbackrest info --output=json}; an empty or unreadable answer is an error status. */
    static BackupState.StanzaInfo stanza(String json) {
        if (json.isBlank()) {
            return new BackupState.StanzaInfo(99, "pgbackrest info printed nothing (the repository or the"
                    + " passphrase cannot be read)", List.of());
        }
        try {
            JsonNode root = JSON.readTree(json);
            JsonNode stanza = root.isArray() && !root.isEmpty() ? root.get(0) : null;
            if (stanza == null) {
                return new BackupState.StanzaInfo(1, "missing stanza path", List.of());
            }
            List<BackupState.Backup> backups = new ArrayList<>();
            for (JsonNode b : stanza.path("backup")) {
                if (b.path("error").asBoolean(false)) {
                    continue; // a backup pgBackRest found errors in does not count
                }
                backups.add(new BackupState.Backup(b.path("label").asText(), b.path("type").asText(),
                        b.path("timestamp").path("start").asLong(), b.path("timestamp").path("stop").asLong(),
                        b.path("info").path("size").asLong(), b.path("info").path("repository").path("size").asLong(),
                        b.path("archive").path("start").asText(""), b.path("archive").path("stop").asText("")));
            }
            return new BackupState.StanzaInfo(stanza.path("status").path("code").asInt(99),
                    stanza.path("status").path("message").asText(""), backups);
        } catch (IOException e) {
            return new BackupState.StanzaInfo(99, "pgbackrest info printed something that is not JSON", List.of());
        }
    }
}
