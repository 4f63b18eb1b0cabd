package dev.provision.resource.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.inventory.Database;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.Step;
import dev.provision.postgres.PostgresSession;
import dev.provision.testing.PostgresServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catalog values the server sets itself are no difference: on a server that behaves like the test
 * bed's PostgreSQL 15.20 build (every column it creates gets an attribute option {@code pg_attver=<n>},
 * a different value in every database), a one-index change plans as one statement, and two plans of
 * the same change are identical, so a saved plan of it applies.
 *
 * <p>This machine's PostgreSQL does not set the option, so the test teaches it to: an event trigger,
 * installed in the template databases every new database is copied from, gives each new column a
 * random {@code pg_attver}, exactly as that build does. Like this machine's build, the server then
 * refuses {@code SET (pg_attver=...)}, so a plan that carried one would also fail to apply.
 */
class ServerSetOptionsTest {
    private static final String ONE_INDEX = "CREATE INDEX idx_events_aggregate ON event_store.events (aggregate_id);\n";
    private static final String EMULATION = """
            CREATE SCHEMA attver_build;
            CREATE FUNCTION attver_build.stamp() RETURNS event_trigger LANGUAGE plpgsql SECURITY DEFINER
                SET search_path = pg_catalog AS $$
            BEGIN
                UPDATE pg_catalog.pg_attribute a SET attoptions = ARRAY['pg_attver=' || (floor(random() * 1000000))::int]
                  FROM pg_event_trigger_ddl_commands() c JOIN pg_class r ON r.oid = c.objid
                 WHERE c.classid = 'pg_class'::regclass AND r.relkind IN ('r', 'p', 'v', 'm', 'f')
                   AND a.attrelid = c.objid AND a.attnum > 0
                   AND NOT a.attisdropped AND a.attoptions IS NULL;
            END $$;
            CREATE EVENT TRIGGER attver_build ON ddl_command_end EXECUTE FUNCTION attver_build.stamp();
            """;

    private static PostgresServer server;
    private SchemaFixture fixture;
    @TempDir
    Path dir;

    @BeforeAll
    static void startABuildThatStampsColumns() {
        server = PostgresServer.start();
        try (PostgresSession admin = server.session("postgres")) {
            admin.executeAlone("ALTER DATABASE template0 ALLOW_CONNECTIONS true");
            for (String template : List.of("template0", "template1")) {
                try (PostgresSession session = server.session(template)) {
                    for (String statement : EMULATION.split(";\n(?=CREATE)")) {
                        session.executeAlone(statement);
                    }
                }
            }
            admin.executeAlone("ALTER DATABASE template0 ALLOW_CONNECTIONS false");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void connect() {
        fixture = new SchemaFixture(server, SchemaDriver.LARGE_TABLE_ROWS);
    }

    @AfterEach
    void disconnect() {
        fixture.close();
    }

    @Test
    void theEmulatedBuildStampsEveryNewColumnWithItsOwnValue() {
        Database db = SchemaFixture.eventStore("stamped");
        fixture.createDatabase(db);
        fixture.apply(fixture.plan(db).orElseThrow());

        List<Map<String, Object>> options = fixture.query(db, "SELECT attoptions::text AS o FROM pg_attribute"
                + " WHERE attrelid = 'event_store.events'::regclass AND attnum > 0 AND NOT attisdropped");
        assertThat(options).as("otherwise this test proves nothing about pg_attver").isNotEmpty()
                .allSatisfy(row -> assertThat((String) row.get("o")).startsWith("{pg_attver="));
        assertThat(fixture.plan(db)).as("after apply, nothing differs although every column's pg_attver does").isEmpty();
    }

    @Test
    void aOneIndexChangeIsOneStatement() {
        Database db = SchemaFixture.eventStore("one_index");
        PlannedChange created = fixture.plan(db).orElseThrow();
        fixture.createDatabase(db);
        fixture.apply(created); // a new database runs the files as they are, as a first apply does

        int shadowsBefore = shadowsCreated();
        PlannedChange change = fixture.plan(withExtraIndex(db)).orElseThrow();

        assertThat(shadowsCreated() - shadowsBefore).as("one scratch database: an added index cannot be an artifact of"
                + " printing, so no second, printing-normalized comparison is made").isEqualTo(1);
        assertThat(ddl(change)).as("only the new index: no ALTER ... SET (pg_attver=...) for the columns the server stamped")
                .containsExactly("CREATE INDEX idx_events_aggregate ON event_store.events USING btree (aggregate_id)");
        fixture.apply(change);
        assertThat(fixture.plan(withExtraIndex(db))).as("applied: the next plan is empty").isEmpty();
    }

    @Test
    void twoPlansOfOneChangeAreIdenticalSoASavedPlanApplies() {
        Database db = SchemaFixture.eventStore("saved_plan");
        fixture.createDatabase(db);
        fixture.apply(fixture.plan(db).orElseThrow());

        PlannedChange saved = fixture.plan(withExtraIndex(db)).orElseThrow();
        PlannedChange fresh = fixture.plan(withExtraIndex(db)).orElseThrow();

        assertThat(fresh.steps()).as("apply PLANFILE runs the saved plan only when a fresh plan runs the same steps;"
                + " each plan builds new shadows, whose columns get new pg_attver values").isEqualTo(saved.steps());
        fixture.apply(saved);
        assertThat(fixture.plan(withExtraIndex(db))).isEmpty();
    }

    @Test
    void aNewTableCarriesNoServerSetOption() {
        Database db = SchemaFixture.database("new_table", "CREATE TABLE event_store.a (id int PRIMARY KEY);\n");
        fixture.createDatabase(db);
        fixture.apply(fixture.plan(db).orElseThrow());

        PlannedChange change = fixture.plan(SchemaFixture.database("new_table",
                "CREATE TABLE event_store.a (id int PRIMARY KEY, note text);\nCREATE TABLE event_store.b (id int, v text);\n"))
                .orElseThrow();

        assertThat(String.join("\n", ddl(change))).as("a new column or table is created, never stamped by the plan")
                .contains("CREATE TABLE event_store.b", "ADD COLUMN note text").doesNotContain("pg_attver");
        fixture.apply(change);
    }

    /** The event store's files plus one index, always at the same path (the plan records the files' digest). */
    private Database withExtraIndex(Database db) {
        return SchemaFixture.database(dir.resolve(db.name()), db.name(), SchemaFixture.seedSql() + "\n" + ONE_INDEX);
    }

    private static int shadowsCreated() {
        return server.log().split("CREATE DATABASE \"provision_shadow", -1).length - 1;
    }

    /** The DDL a change runs, without the session settings and provision's own records. */
    private static List<String> ddl(PlannedChange change) {
        return change.steps().stream().flatMap(s -> ((Step.Sql) s).changes().stream())
                .filter(s -> !s.startsWith("SET LOCAL")).toList();
    }
}
