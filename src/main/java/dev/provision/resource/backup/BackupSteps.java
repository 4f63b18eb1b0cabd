package dev.provision.resource.backup;

import dev.provision.transport.ScriptResource;
import dev.provision.inventory.Backups;
import dev.provision.inventory.Container;
import dev.provision.plan.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The exact commands that set up, repair and run a container's backups, from its LXC host. */
public final class BackupSteps {
    private static final String INSTALL = ScriptResource.load(BackupSteps.class, "install-pgbackrest.sh");
    private static final String WRITE = ScriptResource.load(BackupSteps.class, "write-file.sh");
    private static final String TIMERS = ScriptResource.load(BackupSteps.class, "enable-timers.sh");
    private static final String REPOSITORY = dev.provision.host.HostPaths.script(BackupSteps.class, "prepare-repository.sh");
    private static final String WAIT_SERVER = "i=0; until pg_isready -q -h /var/run/postgresql -p \"$1\"; do"
            + " i=$((i + 1)); [ \"$i\" -lt 120 ] || { echo \"the server did not accept connections within 2 minutes\" >&2; exit 1; };"
            + " sleep 1; done";
    private static final Duration SHORT = Duration.ofSeconds(120);
    /** A backup's own limit: a large server's full backup takes long; progress is shown meanwhile. */
    private static final Duration BACKUP = Duration.ofHours(12);

    private final String host;
    private final Container container;

    public BackupSteps(Container container) {
        this.host = container.host();
        this.container = container;
    }

    /** Makes the repository's directory on the host: root-only, with pgBackRest's repository inside. */
    public Step.Run repository() {
        String repo = container.postgres().backups().repository();
        return new Step.Run(host, List.of("sh", "-c", REPOSITORY, "provision-backup-repository", repo), null, SHORT,
                "mkdir " + repo + "/pgbackrest on the host (" + repo + " 0700, root only)", false);
    }

    Step install() {
        return inside(Duration.ofMinutes(20), "install pgbackrest (apt-get) unless present; " + Backups.MOUNT_POINT
                + " and pgBackRest's log and spool directories owned by postgres",
                "sh", "-c", INSTALL, "provision-install-pgbackrest", container.name());
    }

    List<Step> write(Map<String, String> files) {
        List<Step> steps = new ArrayList<>();
        files.forEach((path, content) -> {
            boolean conf = path.equals(BackupFiles.CONF);
            steps.add(inside(SHORT, "write " + path, "sh", "-c", WRITE, "provision-write", path,
                    conf ? "postgres:postgres" : "root:root", conf ? "0600" : "0644").withStdin(content)
                    .labelled("lxc-attach -n " + container.name() + " -- write " + path + " (" + content.lines().count()
                            + " lines, " + (conf ? "0600 postgres" : "0644 root") + ")"));
        });
        return steps;
    }

    /** Writes the cipher passphrase file (0600, postgres) from its secret, resolved when the step runs. */
    Step cipher() {
        Backups b = container.postgres().backups();
        List<String> argv = List.of("lxc-attach", "-n", container.name(), "--", "sh", "-c", WRITE, "provision-write",
                BackupFiles.CIPHER, "postgres:postgres", "0600");
        return new Step.RunWithSecret(host, argv, "[global]\nrepo1-cipher-pass=", b.passphrase(), "\n", SHORT,
                "lxc-attach -n " + container.name() + " -- write " + BackupFiles.CIPHER
                        + " (0600 postgres) with the passphrase from " + b.passphrase() + " (value hidden)");
    }

    Step timers(List<String> timers) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", TIMERS, "provision-backup-timers"));
        argv.addAll(timers);
        return inside(SHORT, "systemctl enable --now " + String.join(" ", timers) + " (provision's other backup timers removed)",
                argv.toArray(String[]::new));
    }

    Step stanzaCreate() {
        return asPostgres(SHORT, "pgbackrest --stanza=" + Backups.STANZA + " stanza-create",
                "pgbackrest", "--stanza=" + Backups.STANZA, "stanza-create");
    }

    /** Takes a backup of {@code type} (full, diff or incr) now, showing pgBackRest's progress lines. */
    public Step backup(String type) {
        return asPostgres(BACKUP, "pgbackrest --stanza=" + Backups.STANZA + " --type=" + type + " backup",
                "pgbackrest", "--stanza=" + Backups.STANZA, "--type=" + type, "--log-level-console=info", "backup")
                .showingOutput();
    }

    /** Forces a WAL switch and waits until it is archived: proves archiving works. */
    Step check() {
        return asPostgres(SHORT, "pgbackrest --stanza=" + Backups.STANZA + " check (a WAL switch, archived)",
                "pgbackrest", "--stanza=" + Backups.STANZA, "check");
    }

    /** Restarts the container, so that it mounts a repository directory made again, and waits for its server. */
    List<Step> restartContainer() {
        return List.of(
                Step.Run.of(host, Duration.ofSeconds(90), "lxc-stop", "-n", container.name(), "-t", "60"),
                Step.Run.of(host, SHORT, "lxc-start", "-n", container.name()),
                inside(Duration.ofMinutes(3), "wait until the server accepts connections", "sh", "-c",
                        "PATH=/usr/lib/postgresql/" + container.postgres().version() + "/bin:$PATH; " + WAIT_SERVER,
                        "provision-wait-server", String.valueOf(container.postgres().port())));
    }

    private Step.Run asPostgres(Duration timeout, String label, String... argv) {
        List<String> full = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        full.addAll(List.of(argv));
        return inside(timeout, label, full.toArray(String[]::new));
    }

    private Step.Run inside(Duration timeout, String label, String... argv) {
        List<String> full = new ArrayList<>(List.of("lxc-attach", "-n", container.name(), "--"));
        full.addAll(List.of(argv));
        return new Step.Run(host, full, null, timeout, "lxc-attach -n " + container.name() + " -- " + label, false);
    }
}
