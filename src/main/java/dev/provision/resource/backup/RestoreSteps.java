package dev.provision.resource.backup;

import dev.provision.transport.ScriptResource;
import dev.provision.inventory.Backups;
import dev.provision.inventory.Container;
import dev.provision.plan.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The steps that restore {@code original}'s backups into a new container whose server provision has just
 * made: pgBackRest set up to read the original's repository, the new server stopped, restored with
 * {@code --delta}, started, and waited for until recovery has reached its target and the server is promoted.
 */
public final class RestoreSteps {
    private static final String FINISH = ScriptResource.load(RestoreSteps.class, "finish-restore.sh");

    private RestoreSteps() {}

    public static List<Step> of(Container original, Container into, RestoreTarget.Point point) {
        int version = original.postgres().version();
        // the original's configuration (its repository, cipher, stanza, cluster), in the new container
        Container reader = new Container(into.name(), original.at(), original.host(), original.image(), original.resources(),
                into.network(), false, false, null, into.mounts(), original.postgres());
        BackupSteps steps = new BackupSteps(reader);
        List<Step> all = new ArrayList<>();
        if (!into.name().equals(original.name())) { // in place, the original's own configuration serves
            all.add(steps.install());
            all.addAll(steps.write(Map.of(BackupFiles.CONF, BackupFiles.restoreConf(original, RestoreTarget.MOUNT_POINT))));
            if (original.postgres().backups().passphrase() != null) {
                all.add(steps.cipher());
            }
        }
        String unit = "postgresql@" + version + "-" + ServerPaths.CLUSTER;
        all.add(Step.Run.of(original.host(), Duration.ofMinutes(2), "lxc-attach", "-n", into.name(), "--", "systemctl", "stop", unit));
        List<String> restore = new ArrayList<>(List.of("lxc-attach", "-n", into.name(), "--", "runuser", "-u", "postgres", "--",
                "pgbackrest", "--stanza=" + Backups.STANZA, "--delta", "--log-level-console=info"));
        restore.addAll(RestoreTarget.options(point));
        restore.add("restore");
        all.add(new Step.Run(original.host(), restore, null, Duration.ofHours(12),
                "lxc-attach -n " + into.name() + " -- pgbackrest --stanza=" + Backups.STANZA + " --delta "
                        + String.join(" ", RestoreTarget.options(point)) + " restore (to " + RestoreTarget.describe(point) + ")",
                true));
        all.add(new Step.Run(original.host(), List.of("lxc-attach", "-n", into.name(), "--", "sh", "-c", FINISH,
                "provision-finish-restore", String.valueOf(version), ServerPaths.CLUSTER, String.valueOf(original.postgres().port())),
                null, Duration.ofHours(12), "lxc-attach -n " + into.name() + " -- start " + unit
                        + ", wait until recovery reached its target and the server is promoted", true));
        return all;
    }
}
