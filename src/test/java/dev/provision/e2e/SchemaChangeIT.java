package dev.provision.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.testbed.LxcHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * A schema change on the test bed's real PostgreSQL (15.20, which stamps every column it creates with
 * an attribute option {@code pg_attver=<n>} of its own): one added index plans as that one statement,
 * shown by default, and the saved plan of it applies.
 */
@Testcontainers
class SchemaChangeIT {
    private static final String INDEX = "CREATE INDEX idx_events_aggregate ON event_store.events (aggregate_id);\n";

    @Container
    static final LxcHost HOST = new LxcHost();

    @TempDir
    Path dir;

    /** The root inventory with its host replaced by the test bed and its files in the test's directory. */
    private Path inventory() throws IOException {
        String root = Files.readString(Path.of("inventory.yaml"));
        String containers = root.substring(root.indexOf("containers:"))
                .replace("host: local", "host: bed")
                .replace("/root/.config/provision/secrets/stock_analysis_user", dir.resolve("secrets/app").toString());
        Files.createDirectories(dir.resolve("schema"));
        for (String sql : new String[] {"schema/event_store.sql", "schema/projections.sql"}) {
            Files.copy(Path.of(sql), dir.resolve(sql));
        }
        return TestBedInventory.write(dir, HOST, containers);
    }

    private static String psql(String sql) {
        return HOST.execResult("lxc-attach", "-n", "event-store", "--", "runuser", "-u", "postgres", "--",
                "psql", "-d", "stock_analysis_event_store", "-XAtq", "-v", "ON_ERROR_STOP=1", "-c", sql).strip();
    }

    @Test
    void aSavedPlanOfAOneIndexChangeShowsThatStatementAndApplies() throws IOException {
        Cli cli = new Cli(inventory());
        Cli.Run apply = cli.run("apply", "--auto-approve");
        assertThat(apply.exitCode()).as("%s", apply).isZero();
        assertThat(psql("SELECT count(*) FROM pg_attribute WHERE attrelid = 'event_store.events'::regclass"
                + " AND attnum > 0 AND array_to_string(attoptions, ',') LIKE 'pg_attver=%'"))
                .as("the test bed's server stamps its columns (else this test proves nothing about pg_attver)")
                .isNotEqualTo("0");

        Files.writeString(dir.resolve("schema/event_store.sql"), INDEX, StandardOpenOption.APPEND);
        Path planFile = dir.resolve("index.plan");
        Cli.Run plan = cli.run("plan", "--out", planFile.toString());

        assertThat(plan.exitCode()).as("%s", plan).isZero();
        assertThat(plan.out()).as("the DDL is shown without --show-commands")
                .contains("CREATE INDEX idx_events_aggregate ON event_store.events USING btree (aggregate_id)")
                .as("no statement for what the server sets itself").doesNotContain("pg_attver")
                .contains("Plan: 0 to add, 1 to change, 0 to destroy.");
        String saved = Files.readString(planFile);
        assertThat(saved).as("the saved plan holds one index and no server-set option")
                .contains("CREATE INDEX idx_events_aggregate").doesNotContain("pg_attver");

        Cli.Run applySaved = cli.run("apply", planFile.toString());

        assertThat(applySaved.exitCode()).as("a fresh plan of the same change equals the saved one: %s", applySaved).isZero();
        assertThat(psql("SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_events_aggregate'"))
                .isEqualTo("CREATE INDEX idx_events_aggregate ON event_store.events USING btree (aggregate_id)");
        cli.assertConverged();
    }
}
