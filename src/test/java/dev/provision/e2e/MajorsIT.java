package dev.provision.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.testbed.LxcHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * A PostgreSQL major other than bookworm's 15, from its own Debian release, on a real LXC host: trixie's
 * 17 with roles, a database, a SQL file and grants converges in one apply, and the next plan is empty;
 * its base, once older than base_max_age, is not cloned as it is. (forky's and sid's 18 cannot be built
 * here: the debian template of Debian 12's lxc-templates asks debootstrap for isc-dhcp-client, which
 * those releases no longer have.)
 *
 * <p>The host gets this machine's rootfs cache of trixie (seeded once per CI run by
 * testbed/build-images.sh), as a user's host keeps its own; the product installs everything else.
 */
@Testcontainers
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MajorsIT {

    @Container
    static final LxcHost HOST = new LxcHost().withLxcCaches("trixie");

    @TempDir
    static Path dir;

    private static String server(String name, String release, int version) {
        return """
                  %s:
                    host: bed
                    image: { template: debian, release: %s }
                    resources: { memory: 1GiB, cpus: 1 }
                    postgres:
                      version: %d
                      settings: { work_mem: 8MB }
                      hba:
                        - { type: host, database: app, user: app_rw, address: 10.0.3.0/24, method: scram-sha-256 }
                      roles:
                        app_owner: { login: false }
                        app_rw: { login: true, password: { file: %s } }
                      databases:
                        app:
                          owner: app_owner
                          schemas: { app: { owner: app_owner } }
                          sql: [app.sql]
                          grants:
                            - { role: app_rw, privileges: [CONNECT], on: { database: app } }
                            - { role: app_rw, privileges: [USAGE], on: { schema: app } }
                            - { role: app_rw, privileges: [SELECT, INSERT], on: { tables_in: app } }
                """.formatted(name, release, version, dir.resolve("app_rw.secret"));
    }

    private static Cli cli() throws IOException {
        Files.copy(Path.of("src/test/resources/majors/app.sql"), dir.resolve("app.sql"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("app_rw.secret"), "majors-App-Secret-1\n");
        return new Cli(TestBedInventory.write(dir, HOST, "containers:\n" + server("pg17", "trixie", 17)));
    }

    private static String psql(String container, String database, String sql) {
        return HOST.exec("lxc-attach", "-n", container, "--", "runuser", "-u", "postgres", "--",
                "psql", "-XAt", "-d", database, "-c", sql).strip();
    }

    @Test
    @Order(1)
    void validateAcceptsEachReleaseWithItsOwnMajor() throws IOException {
        Cli.Run validate = cli().run("validate");

        assertThat(validate.exitCode()).as("trixie offers 17:\n%s", validate).isZero();
        assertThat(validate.out() + validate.err()).as("no catalogue warning: both majors have their own").doesNotContain("warning");
    }

    @Test
    @Order(2)
    void trixie17ConvergesWithRolesDatabasesSqlAndGrants() throws IOException {
        Cli cli = cli();

        Cli.Run apply = cli.run("apply", "--auto-approve");

        assertThat(apply.exitCode()).as("one apply builds it:\n%s", apply).isZero();
        assertThat(apply.out()).as("the server comes from a base of its own release and major")
                .contains("provision-base-debian-trixie-pg17");
        for (String[] c : new String[][] {{"pg17", "17"}}) {
            String container = c[0];
            assertThat(psql(container, "app", "SHOW server_version_num")).as("%s runs PostgreSQL %s", container, c[1])
                    .startsWith(c[1]);
            assertThat(HOST.exec("lxc-attach", "-n", container, "--", "test", "-f",
                    "/etc/postgresql/" + c[1] + "/main/postgresql.conf")).as("the cluster lives under its major's paths").isEmpty();
            assertThat(psql(container, "app", "SHOW work_mem")).as("%s has the inventory's settings", container).isEqualTo("8MB");
            assertThat(psql(container, "app", "SELECT app.add_item('first')")).as("%s: the SQL file's function works", container)
                    .isEqualTo("1");
            assertThat(psql(container, "app", "SELECT has_table_privilege('app_rw', 'app.items', 'INSERT')"
                    + " AND NOT has_table_privilege('app_rw', 'app.items', 'DELETE')"
                    + " AND has_schema_privilege('app_rw', 'app', 'USAGE')"
                    + " AND has_database_privilege('app_rw', 'app', 'CONNECT')"))
                    .as("%s: app_rw has exactly the declared grants", container).isEqualTo("t");
            assertThat(psql(container, "app", "SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'app'"))
                    .as("%s: the schema's owner", container).isEqualTo("app_owner");
        }
        cli.assertConverged();
    }

    @Test
    @Order(3)
    void aSecondApplyChangesNothing() throws IOException {
        Cli.Run again = cli().run("apply", "--auto-approve");

        assertThat(again.exitCode()).as("%s", again).isZero();
        assertThat(again.out()).as("nothing to do").contains("No changes");
    }

    @Test
    @Order(4)
    void aBaseOlderThanBaseMaxAgeIsNotClonedAsItIsAndThePlanSaysWhy() throws IOException {
        String base = "provision-base-debian-trixie-pg17";
        HOST.exec("touch", "-d", "60 days ago", dev.provision.host.HostPaths.MARKERS + "/" + base + ".base");
        boolean snapshotsOfIt = !HOST.execResult("sh", "-c", "cat /var/lib/lxc/" + base + "/lxc_snapshots 2>/dev/null").isBlank();
        Cli cli = new Cli(TestBedInventory.write(dir, HOST, "containers:\n" + server("pg17", "trixie", 17)
                + server("pg17b", "trixie", 17)));

        Cli.Run plan = cli.run("plan");

        assertThat(plan.exitCode()).as("%s", plan).isZero();
        assertThat(plan.out()).as("the plan says the base is too old:\n%s", plan).contains("base " + base + " was prepared", "more than 30d ago");
        if (snapshotsOfIt) {
            assertThat(plan.out()).as("pg17 is an overlay snapshot of it, so it is kept and the template is used")
                    .contains("lxc-create from the template (base " + base, "container(s) are overlay snapshots of it, so it is kept for them");
        } else {
            assertThat(plan.out()).as("no container depends on it, so it is rebuilt before it is cloned")
                    .contains("which this apply rebuilds first (base " + base);
        }
    }
}
