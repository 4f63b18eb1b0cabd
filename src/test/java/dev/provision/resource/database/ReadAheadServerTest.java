package dev.provision.resource.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.plan.Targets;
import dev.provision.inventory.Container;
import dev.provision.inventory.Inventory;
import dev.provision.plan.PlannedChange;
import dev.provision.postgres.PostgresSession;
import dev.provision.postgres.PrefetchedSessions;
import dev.provision.postgres.PsqlReads;
import dev.provision.postgres.Read;
import dev.provision.resource.schema.SchemaObjects;
import dev.provision.secret.SecretResolver;
import dev.provision.testing.PostgresServer;
import dev.provision.testing.WithPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan reads each server ahead in one psql session (as the read-ahead probe does in the container):
 * psql's answers are exactly what the admin JDBC session would have read, and a plan of a converged
 * server made from them needs no admin session at all.
 */
@ExtendWith(WithPostgres.class)
class ReadAheadServerTest {
    private static final String MARKER = "@@provision-read";

    @TempDir
    Path dir;

    @Test
    void psqlReadsWhatJdbcReadsAndAConvergedServerIsPlannedWithoutAnAdminSession(PostgresServer server) throws Exception {
        Files.writeString(dir.resolve("owner"), "owner's secret");
        Files.writeString(dir.resolve("objects.sql"), """
                CREATE TABLE app.events (id bigint PRIMARY KEY, body jsonb NOT NULL, at timestamptz DEFAULT now());
                CREATE FUNCTION app.total(a integer, b integer) RETURNS integer LANGUAGE sql AS 'SELECT a + b';
                CREATE VIEW app.recent AS SELECT id FROM app.events WHERE id IN (1, 2);
                """);
        Inventory inventory = Reconciler.inventory(dir, """
                roles:
                  app_owner: { login: true, valid_until: "2031-02-03", connection_limit: 7, password: { file: %s } }
                  reporting: { login: false }
                  readers: { login: false, member_of: [] }
                databases:
                  app:
                    owner: app_owner
                    schemas: { app: { owner: app_owner } }
                    sql: [objects.sql]
                    settings: { work_mem: 8MB }
                    grants:
                      - { role: reporting, privileges: [SELECT], on: { tables_in: app } }
                      - { role: readers, privileges: [EXECUTE], on: { function: "app.total(integer, integer)" } }
                """.formatted(dir.resolve("owner")));
        DatabaseDriver driver = new DatabaseDriver(new SecretResolver(), new SchemaObjects(dir));
        Reconciler reconciler = new Reconciler(server, driver);
        reconciler.converge(inventory);
        assertThat(reconciler.plan(inventory).changes()).as("converged").isEmpty();

        Container container = inventory.containers().get("db");
        List<Read> reads = driver.reads(container, Targets.all());
        int logBefore = server.log().length();
        Map<String, List<Map<String, Object>>> answers = PsqlReads.parse(psql(server, PsqlReads.script(reads, MARKER)), reads, MARKER);
        assertThat(server.log().substring(logBefore)).as("reading ahead leaves no error in the server's log")
                .contains("json_agg").doesNotContain("ERROR");

        for (Read read : reads) {
            if (read.sql().contains("\"provision\".migrations")) {
                assertThat(answers).as("a read whose table does not exist (no migrations) is not made").doesNotContainKey(read.key());
                continue;
            }
            assertThat(answers).as("answered: " + read.sql()).containsKey(read.key());
            assertThat(answers.get(read.key())).as(read.sql()).isEqualTo(jdbc(server, read));
        }

        CountingSessions counting = new CountingSessions(server.sessions());
        List<PlannedChange> changes = driver.plan(Server.of("local", "db"), container.postgres(),
                new PrefetchedSessions(counting, answers), Targets.all(), false);
        assertThat(changes).as("converged").isEmpty();
        assertThat(counting.roundTrips()).as("nothing was asked of an admin session").isZero();
    }

    private static List<Map<String, Object>> jdbc(PostgresServer server, Read read) {
        try (PostgresSession session = server.session(read.database())) {
            if (read.searchPath() != null) {
                session.executeAlone("SET search_path = " + read.searchPath());
            }
            return session.query(read.sql(), read.params().toArray());
        }
    }

    /** Runs the script as the read-ahead probe runs it in a container: psql as postgres, read-only. */
    private static String psql(PostgresServer server, String script) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(PostgresServer.BIN.resolve("psql").toString(), "-h",
                server.socketDirectory().toString(), "-p", String.valueOf(server.port()), "-U", "postgres", "-d", "postgres", "-XAtq");
        builder.environment().put("PGOPTIONS", "-c default_transaction_read_only=on");
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        process.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output;
    }
}
