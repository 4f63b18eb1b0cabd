package dev.provision.resource.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.inventory.Container;
import dev.provision.inventory.InventoryLoader;
import dev.provision.inventory.Loaded;
import dev.provision.plan.Action;
import dev.provision.plan.Cause;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the backups of a server need, from what the probe read: pure decisions, no host. */
class BackupPlannerTest {
    private static final long NOW = 1_800_000_000L;

    @TempDir
    Path dir;

    private Container container(String backups) throws IOException {
        Path file = dir.resolve("inventory.yaml");
        Files.writeString(file, """
                hosts:
                  local: { transport: local }
                containers:
                  db:
                    host: local
                    image: { template: debian, release: bookworm }
                    postgres:
                      backups: %s
                """.formatted(backups));
        Loaded loaded = new InventoryLoader().load(file);
        assertThat(loaded.diagnostics().errors()).as("the test inventory is valid").isEmpty();
        return loaded.inventory().containers().get("db");
    }

    private static BackupState healthy(Container c, long newestFullStop, BackupState.Archiver archiver) {
        Map<String, Boolean> enabled = new HashMap<>();
        BackupFiles.timers(c.postgres().backups()).forEach(t -> enabled.put(t, true));
        return new BackupState(true, true, true, BackupFiles.of(c), null, enabled, archiver,
                new BackupState.StanzaInfo(0, "ok", List.of(new BackupState.Backup("20270115-080000F", "full",
                        newestFullStop - 30, newestFullStop, 30_000_000, 4_000_000, "000000010000000000000002",
                        "000000010000000000000002"))));
    }

    private static BackupState.Archiver archiving() {
        return new BackupState.Archiver(10, 0, NOW - 60, 0, NOW, "", "on");
    }

    @Test
    void aNewServerGetsPgBackRestItsStanzaAndAFirstFullBackup() throws IOException {
        Container c = container("{ encryption: { passphrase: { env: BACKUP_PASSPHRASE } } }");

        List<PlannedChange> changes = new BackupPlanner().plan(c, null);

        assertThat(changes).as("one change sets up the backups").hasSize(1);
        PlannedChange setup = changes.get(0);
        assertThat(setup.address().path()).isEqualTo("containers.db.postgres.backups");
        assertThat(setup.action()).isEqualTo(Action.CREATE);
        List<String> shown = setup.steps().stream().map(Step::display).toList();
        assertThat(String.join("\n", shown)).as("the first apply takes the first full backup, last")
                .contains("stanza-create", "--type=full backup", "apt-get", "provision-backup-full.timer");
        assertThat(shown.get(shown.size() - 1)).contains("--type=full backup");
        assertThat(setup.steps()).as("the passphrase goes in by reference, resolved when the step runs")
                .anySatisfy(s -> assertThat(s).isInstanceOfSatisfying(Step.RunWithSecret.class,
                        r -> assertThat(r.display()).contains("env:BACKUP_PASSPHRASE").contains("value hidden")));
    }

    @Test
    void healthyBackupsPlanNothing() throws IOException {
        Container c = container("{ schedule: { full: daily, incr: hourly } }");

        assertThat(new BackupPlanner().plan(c, healthy(c, NOW - 3600, archiving())))
                .as("a recent full backup, archiving working, files as written: nothing to do").isEmpty();
    }

    @Test
    void aMissedFullBackupIsDriftThatApplyTakes() throws IOException {
        Container c = container("{ schedule: { full: daily } }");

        List<PlannedChange> changes = new BackupPlanner().plan(c, healthy(c, NOW - 2 * 86_400, archiving()));

        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.address().path()).isEqualTo("containers.db.postgres.backups.full");
            assertThat(change.cause()).as("the inventory did not change; time passed").isEqualTo(Cause.DRIFT);
            assertThat(change.summary()).contains("2 days old", "daily");
            assertThat(change.steps()).extracting(Step::display).anySatisfy(d -> assertThat(d).contains("--type=full backup"));
        });
    }

    @Test
    void failingArchivingIsDrift() throws IOException {
        Container c = container("{}");
        BackupState.Archiver failing = new BackupState.Archiver(10, 3, NOW - 600, NOW - 30, NOW, "00000001000000000000000B", "on");

        List<PlannedChange> changes = new BackupPlanner().plan(c, healthy(c, NOW - 3600, failing));

        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.address().path()).isEqualTo("containers.db.postgres.backups.archiving");
            assertThat(change.cause()).isEqualTo(Cause.DRIFT);
            assertThat(change.summary()).contains("3 failures", "00000001000000000000000B");
        });
    }

    @Test
    void aFailureFollowedBySuccessIsNotDrift() throws IOException {
        Container c = container("{}");
        BackupState.Archiver recovered = new BackupState.Archiver(10, 3, NOW - 10, NOW - 600, NOW, "00000001000000000000000B", "on");

        assertThat(new BackupPlanner().plan(c, healthy(c, NOW - 3600, recovered)))
                .as("archiving failed once (before the stanza existed) and has worked since").isEmpty();
    }

    @Test
    void aRepositoryGoneFromTheHostIsMadeAgainAndMounted() throws IOException {
        Container c = container("{}");
        BackupState healthy = healthy(c, NOW - 3600, new BackupState.Archiver(10, 3, NOW - 600, NOW - 5, NOW, "00000001000000000000000C", "on"));
        BackupState gone = new BackupState(false, true, true, healthy.files(), null, healthy.enabled(), healthy.archiver(),
                new BackupState.StanzaInfo(99, "other", List.of()));

        List<PlannedChange> changes = new BackupPlanner().plan(c, gone);

        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.address().path()).isEqualTo("containers.db.postgres.backups.repository");
            assertThat(change.cause()).isEqualTo(Cause.DRIFT);
            assertThat(change.summary()).contains("gone from the host", "WAL archiving fails");
            assertThat(change.steps()).extracting(Step::display)
                    .anySatisfy(d -> assertThat(d).startsWith("lxc-start"))
                    .anySatisfy(d -> assertThat(d).contains("stanza-create"));
        });
    }

    @Test
    void aHandEditedConfigurationIsDriftAndAChangedInventoryIsNot() throws IOException {
        Container c = container("{ compression: lz4 }");
        BackupState state = healthy(c, NOW - 3600, archiving());
        Map<String, String> edited = new HashMap<>(state.files());
        edited.put(BackupFiles.CONF, edited.get(BackupFiles.CONF).replace("lz4", "gz"));
        BackupState handEdited = new BackupState(true, true, true, edited, null, state.enabled(), state.archiver(), state.stanza());

        assertThat(new BackupPlanner().plan(c, handEdited)).singleElement()
                .satisfies(change -> assertThat(change.cause()).isEqualTo(Cause.DRIFT));

        Container changed = container("{ compression: gz }");
        assertThat(new BackupPlanner().plan(changed, state)).singleElement().satisfies(change -> {
            assertThat(change.address().path()).isEqualTo("containers.db.postgres.backups.config");
            assertThat(change.cause()).isEqualTo(Cause.INVENTORY);
        });
    }
}
