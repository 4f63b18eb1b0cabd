package dev.provision.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.testbed.LxcHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * A restore drill on a real LXC host: a server with encrypted pgBackRest backups, events inserted
 * around a full backup and a noted time T, restored to T and to the latest state into new containers;
 * and a repository removed behind provision's back, which the next plan shows as drift.
 */
@Testcontainers
class BackupDrillIT {
    private static final String REPOSITORY = "/var/lib/provision/backups/drill";

    @Container
    static final LxcHost HOST = new LxcHost();

    @TempDir
    Path dir;

    private Path inventory() throws IOException {
        Files.createDirectories(dir.resolve("schema"));
        Files.writeString(dir.resolve("schema/events.sql"), """
                CREATE TABLE public.events (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    name text NOT NULL,
                    at timestamptz NOT NULL DEFAULT clock_timestamp()
                );
                """);
        return TestBedInventory.write(dir, HOST, """
                containers:
                  drill:
                    host: bed
                    image: { template: debian, release: bookworm }
                    resources: { memory: 1GiB }
                    postgres:
                      databases:
                        ledger:
                          sql: [schema/events.sql]
                      backups:
                        repository: %s
                        retention: { full: 2 }
                        schedule: { full: weekly, incr: daily }
                        compression: lz4
                        encryption: { passphrase: { file: %s, generate: true } }
                """.formatted(REPOSITORY, dir.resolve("secrets/backups")));
    }

    private static String psql(String container, String sql) {
        return HOST.execResult("lxc-attach", "-n", container, "--", "runuser", "-u", "postgres", "--",
                "psql", "-d", "ledger", "-XAtq", "-v", "ON_ERROR_STOP=1", "-c", sql).strip();
    }

    @Test
    void backupsAreTakenRestoredToATimeAndToTheLatestAndAMissingRepositoryIsDrift() throws IOException {
        Cli cli = new Cli(inventory());

        Cli.Run apply = cli.run("apply", "--auto-approve");
        assertThat(apply.exitCode()).as("%s", apply).isZero();
        String info = HOST.exec("lxc-attach", "-n", "drill", "--", "runuser", "-u", "postgres", "--",
                "pgbackrest", "--stanza=main", "--output=json", "info");
        assertThat(info).as("the first apply took the first full backup").contains("\"type\":\"full\"")
                .contains("\"cipher\":\"aes-256-cbc\"");
        assertThat(psql("drill", "SELECT archived_count > 0 AND (last_failed_time IS NULL OR last_failed_time < last_archived_time)"
                + " FROM pg_stat_archiver")).as("WAL is archived, with no failure since").isEqualTo("t");
        assertThat(HOST.execResult("stat", "-c", "%a %U", REPOSITORY).strip()).as("the repository is root-only on the host")
                .isEqualTo("700 root");
        assertThat(HOST.execResult("lxc-attach", "-n", "drill", "--", "stat", "-c", "%a %U", "/etc/pgbackrest/conf.d/cipher.conf").strip())
                .isEqualTo("600 postgres");
        String passphrase = Files.readString(dir.resolve("secrets/backups")).strip();
        assertThat(apply.out() + apply.err()).as("the passphrase never appears in the output").doesNotContain(passphrase);
        cli.assertConverged();

        // events around a full backup and a noted time T
        psql("drill", "INSERT INTO events (name) VALUES ('t1')");
        Cli.Run backup = cli.run("backup", "--target", "containers.drill", "--type", "full");
        assertThat(backup.exitCode()).as("%s", backup).isZero();
        assertThat(backup.out() + backup.err()).as("the backup shows pgBackRest's progress").contains("backup start");
        psql("drill", "INSERT INTO events (name) VALUES ('t2')");
        String t = psql("drill", "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')");
        sleep(1500);
        psql("drill", "INSERT INTO events (name) VALUES ('t3')");
        asPostgres("drill", "pgbackrest", "--stanza=main", "check"); // switches WAL and waits until it is archived

        Cli.Run listed = cli.run("backups", "--json");
        assertThat(listed.exitCode()).as("%s", listed).isZero();
        assertThat(listed.out()).as("two full backups, archiving working")
                .containsPattern("(?s)\"type\" : \"full\".*\"type\" : \"full\"").contains("\"failing\" : false");
        assertThat(listed.err()).as("the listing for people").contains("WAL archiving: ok").contains("restorable: from");

        // restore to T, into a new container: exactly the events up to T
        Cli.Run pit = cli.run("restore", "--target", "containers.drill", "--to", t, "--into", "drill-pit");
        assertThat(pit.exitCode()).as("%s", pit).isZero();
        assertThat(pit.out() + pit.err()).contains("To switch over:");
        assertThat(psql("drill-pit", "SELECT string_agg(name, ',' ORDER BY id) FROM events"))
                .as("restored to %s: the events of t1 and t2, not t3", t).isEqualTo("t1,t2");
        assertThat(psql("drill", "SELECT count(*) FROM events")).as("the original is untouched").isEqualTo("3");

        // the repository removed behind provision's back: the next plan shows it, and the archiving failure, as drift
        HOST.exec("sh", "-c", "cp -a " + REPOSITORY + "/pgbackrest /var/lib/provision/drill-saved && rm -rf "
                + REPOSITORY + "/pgbackrest");
        psql("drill", "INSERT INTO events (name) VALUES ('t4')");
        psql("drill", "SELECT pg_switch_wal()");
        for (int i = 0; i < 60 && psql("drill", "SELECT failed_count FROM pg_stat_archiver").equals("0"); i++) {
            sleep(1000);
        }
        Cli.Run drift = cli.run("plan", "--detailed-exitcode");
        assertThat(drift.exitCode()).as("%s", drift).isEqualTo(2);
        assertThat(drift.out()).as("the removed repository and the failing archive are drift")
                .contains("containers.drill.postgres.backups.repository").contains("(drift)")
                .contains("gone from the host").contains("WAL archiving fails");

        // the repository back, the original destroyed, then restored to the latest: every event from t1 to t3
        HOST.exec("sh", "-c", "rm -rf " + REPOSITORY + "/pgbackrest && mv /var/lib/provision/drill-saved "
                + REPOSITORY + "/pgbackrest");
        Cli.Run destroy = cli.run("destroy", "--target", "containers.drill", "--auto-approve");
        assertThat(destroy.exitCode()).as("%s", destroy).isZero();
        assertThat(HOST.execResult("ls", REPOSITORY + "/pgbackrest")).as("the backups outlive their container")
                .contains("archive").contains("backup");
        Cli.Run latest = cli.run("restore", "--target", "containers.drill", "--to", "latest", "--into", "drill-latest");
        assertThat(latest.exitCode()).as("%s", latest).isZero();
        assertThat(psql("drill-latest", "SELECT string_agg(name, ',' ORDER BY id) FROM events"))
                .as("every archived event, t1 to t3 (t4 was never archived)").isEqualTo("t1,t2,t3");

        Cli.Run inPlace = cli.run("restore", "--target", "containers.drill", "--to", "latest", "--into", "drill");
        assertThat(inPlace.exitCode()).as("restoring over the original is refused: %s", inPlace).isEqualTo(1);
        assertThat(inPlace.err()).contains("restore-in-place");
    }

    private static String asPostgres(String container, String... argv) {
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of("lxc-attach", "-n", container, "--",
                "runuser", "-u", "postgres", "--"));
        all.addAll(java.util.List.of(argv));
        return HOST.exec(all.toArray(String[]::new));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
