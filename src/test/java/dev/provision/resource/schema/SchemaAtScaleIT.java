package dev.provision.resource.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.inventory.Database;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.Step;
import dev.provision.testing.PostgresServer;
import dev.provision.testing.WithPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The schema plan at scale, on a real PostgreSQL 15: one database of {@value #TABLES} tables (with
 * indexes, views and triggers on every tenth, {@link ScaleSchema}), built and applied once for the
 * class. Each kind of single-object change in the SQL file plans exactly that one statement and no
 * other, and a change made by hand plans exactly its repair.
 *
 * <p>In the integration suite (Failsafe) rather than the unit tests: each plan builds a shadow of
 * {@value #TABLES} tables, and the class takes minutes on a loaded machine.
 */
@ExtendWith(WithPostgres.class)
class SchemaAtScaleIT {
    static final int TABLES = 1000;
    private static final String SQL = ScaleSchema.sql(TABLES);

    private static SchemaFixture fixture;
    private static Path dir;

    @BeforeAll
    static void buildTheDatabaseOnce(PostgresServer server) throws IOException {
        fixture = new SchemaFixture(server, SchemaDriver.LARGE_TABLE_ROWS);
        dir = Files.createTempDirectory("provision-scale-");
        Database db = declared(SQL);
        fixture.createDatabase(db);
        fixture.apply(fixture.plan(db).orElseThrow());
        assertThat(fixture.plan(db)).as("the applied database matches its files").isEmpty();
    }

    @AfterAll
    static void disconnect() {
        fixture.close();
    }

    @Test
    void anAddedIndexIsTheOnlyStatement() {
        assertThat(ddl(SQL + "CREATE INDEX t5_payload ON event_store.t5 (payload);\n"))
                .as("one index added to the file of %d tables: that index and nothing else", TABLES)
                .containsExactly("CREATE INDEX t5_payload ON event_store.t5 USING btree (payload)");
    }

    @Test
    void anAddedColumnIsTheOnlyStatement() {
        assertThat(ddl(SQL.replace("CREATE TABLE event_store.t7 (id bigint PRIMARY KEY,",
                "CREATE TABLE event_store.t7 (id bigint PRIMARY KEY, note text,")))
                .as("one column added to one table: that column and nothing else")
                .containsExactly("ALTER TABLE event_store.t7\n\tADD COLUMN note text");
    }

    @Test
    void aChangedFunctionIsTheOnlyStatement() {
        List<String> ddl = ddl(SQL.replace("BEGIN NEW.updated_at := now(); RETURN NEW; END;",
                "BEGIN NEW.updated_at := clock_timestamp(); RETURN NEW; END;"));
        assertThat(ddl).as("the shared trigger function's body changed: one CREATE OR REPLACE, its triggers untouched")
                .hasSize(1);
        assertThat(ddl.get(0)).startsWith("CREATE OR REPLACE FUNCTION event_store.touch()").contains("clock_timestamp()");
    }

    @Test
    void aChangedViewIsTheOnlyObjectChanged() {
        List<String> ddl = ddl(SQL.replace("CREATE VIEW event_store.v20 AS SELECT id, payload FROM event_store.t20 WHERE amount > 0;",
                "CREATE VIEW event_store.v20 AS SELECT id, payload FROM event_store.t20 WHERE amount > 1;"));
        assertThat(ddl).as("one view's condition changed: that view dropped and created again (pgcodekeeper's way), nothing else")
                .hasSize(2);
        assertThat(ddl.get(0)).isEqualTo("DROP VIEW event_store.v20");
        assertThat(ddl.get(1)).startsWith("CREATE VIEW event_store.v20 AS").contains("(t20.amount > (1)::numeric)");
    }

    @Test
    void anAddedTriggerIsTheOnlyStatement() {
        assertThat(ddl(SQL + "CREATE TRIGGER t3_touch BEFORE UPDATE ON event_store.t3 FOR EACH ROW EXECUTE FUNCTION event_store.touch();\n"))
                .as("one trigger added: that trigger and nothing else")
                .containsExactly("CREATE TRIGGER t3_touch\n\tBEFORE UPDATE ON event_store.t3\n\tFOR EACH ROW\n\tEXECUTE PROCEDURE event_store.touch()");
    }

    @Test
    void aDroppedTableIsTheOnlyObjectChanged() {
        assertThat(ddl(SQL.replace("CREATE TABLE event_store.t999 (id bigint PRIMARY KEY, payload text, amount numeric(12,2)"
                + " NOT NULL DEFAULT 0, updated_at timestamptz NOT NULL DEFAULT now());\n", "")))
                .as("one table removed from the file: its primary key and the table dropped (pgcodekeeper's way), nothing else")
                .containsExactly("ALTER TABLE event_store.t999\n\tDROP CONSTRAINT t999_pkey", "DROP TABLE event_store.t999");
    }

    @Test
    void anIndexDroppedByHandIsRepairedByExactlyThatIndex() {
        fixture.byHand(declared(SQL), "DROP INDEX event_store.t500_updated");
        try {
            PlannedChange repair = fixture.plan(declared(SQL)).orElseThrow();
            assertThat(statements(repair)).as("drift on one of %d tables: the repair is that one index", TABLES)
                    .containsExactly("CREATE INDEX t500_updated ON event_store.t500 USING btree (updated_at)");
            fixture.apply(repair);
            assertThat(fixture.plan(declared(SQL))).as("repaired: nothing left to do").isEmpty();
        } finally {
            fixture.byHand(declared(SQL), "CREATE INDEX IF NOT EXISTS t500_updated ON event_store.t500 (updated_at)");
        }
    }

    /** The DDL a plan of the file {@code sql} makes, without session settings and provision's records. */
    private static List<String> ddl(String sql) {
        return statements(fixture.plan(declared(sql)).orElseThrow());
    }

    private static List<String> statements(PlannedChange change) {
        return change.steps().stream().map(Step.Sql.class::cast).flatMap(step -> step.changes().stream())
                .filter(s -> !s.startsWith("SET LOCAL ") && !s.equals("RESET ROLE")).toList();
    }

    private static Database declared(String sql) {
        return SchemaFixture.database(dir, "scale", sql);
    }
}
