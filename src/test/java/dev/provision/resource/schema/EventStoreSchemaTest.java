package dev.provision.resource.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.plan.PlanningFailed;
import dev.provision.inventory.Database;
import dev.provision.plan.Action;
import dev.provision.plan.Cause;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.Step;
import dev.provision.testing.PostgresServer;
import dev.provision.testing.WithPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The seed event store, corrected, built from its SQL files on a real PostgreSQL 15. */
@ExtendWith(WithPostgres.class)
class EventStoreSchemaTest {
    private SchemaFixture fixture;

    @BeforeEach
    void connect(PostgresServer server) {
        fixture = new SchemaFixture(server, SchemaDriver.LARGE_TABLE_ROWS);
    }

    @AfterEach
    void disconnect() {
        fixture.close();
    }

    @Test
    void buildsTheEventStoreInAnEmptyDatabaseAndThenHasNothingToDo() {
        Database db = SchemaFixture.eventStore("empty_then_built");
        fixture.createDatabase(db);

        PlannedChange change = fixture.plan(db).orElseThrow();
        assertThat(change.action()).isEqualTo(Action.UPDATE);
        assertThat(change.hazards()).as("creating objects risks nothing").isEmpty();
        assertThat(change.steps()).hasSize(1);
        assertThat(((Step.Sql) change.steps().get(0)).statements()).anyMatch(s -> s.startsWith("CREATE TABLE event_store.events"));
        fixture.apply(change);

        assertThat(fixture.plan(db)).as("after apply, the next plan is empty").isEmpty();
        assertThat(recordedCatalog(db)).as("the catalog is as the apply left it: the next plan needs no shadow")
                .isEqualTo(liveCatalog(db));
        assertThat(fixture.shadowsLeft()).as("every shadow database is dropped").isZero();
        assertThat(fixture.query(db, "SELECT pg_get_userbyid(relowner) AS owner FROM pg_class WHERE oid = 'event_store.events'::regclass"))
                .as("objects belong to the database owner, as in the shadow")
                .containsExactly(java.util.Map.of("owner", db.owner()));
    }

    @Test
    void aNewDatabaseRunsTheFilesAsTheyAreAndTheNextPlanIsEmpty() {
        Database db = SchemaFixture.eventStore("brand_new");

        PlannedChange change = fixture.plan(db).orElseThrow();
        assertThat(change.action()).isEqualTo(Action.CREATE);
        fixture.createDatabase(db);
        fixture.apply(change);

        assertThat(fixture.plan(db)).as("the files ran as written; nothing differs").isEmpty();
        fixture.byHand(db, "INSERT INTO event_store.events (event_type, aggregate_type, aggregate_id, event_version, event_data)"
                + " VALUES ('PositionOpened', 'Position', gen_random_uuid(), 1, '{\"symbol\": \"ACME\", \"quantity\": 10}')",
                "SELECT projections.refresh_portfolio_positions()");
        assertThat(fixture.query(db, "SELECT symbol FROM projections.portfolio_positions"))
                .containsExactly(java.util.Map.of("symbol", "ACME"));
    }

    @Test
    void aViewRedefinedByHandIsDriftAndApplyRepairsIt() {
        Database db = SchemaFixture.eventStore("view_drift");
        fixture.createDatabase(db);
        fixture.apply(fixture.plan(db).orElseThrow());

        fixture.byHand(db, "DROP INDEX event_store.idx_events_type",
                "DROP TRIGGER events_immutable ON event_store.events",
                "CREATE OR REPLACE FUNCTION event_store.reject_event_mutation() RETURNS trigger LANGUAGE plpgsql"
                        + " AS $$ BEGIN RETURN NEW; END; $$",
                "DROP MATERIALIZED VIEW projections.portfolio_positions CASCADE",
                "CREATE MATERIALIZED VIEW projections.portfolio_positions AS SELECT aggregate_id AS position_id FROM event_store.events");

        assertThat(recordedCatalog(db)).as("a change by hand moves the catalog digest").isNotEqualTo(liveCatalog(db));
        PlannedChange drift = fixture.plan(db).orElseThrow();
        assertThat(drift.cause()).as("the SQL files did not change since the last apply").isEqualTo(Cause.DRIFT);
        String shown = drift.steps().stream().map(Step::display).reduce("", String::concat);
        assertThat(shown).contains("CREATE INDEX idx_events_type", "CREATE TRIGGER events_immutable",
                "RAISE EXCEPTION", "CREATE MATERIALIZED VIEW projections.portfolio_positions");
        fixture.apply(drift);

        assertThat(fixture.plan(db)).as("repaired").isEmpty();
        assertThat(recordedCatalog(db)).isEqualTo(liveCatalog(db));
    }

    @Test
    void sequencesThatMovedAndExpressionsPrintedBackDifferentlyAreNoDifference() {
        String sql = "CREATE TABLE event_store.orders (id serial PRIMARY KEY, n bigint GENERATED ALWAYS AS IDENTITY,"
                + " status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'paid')));\n"
                + "CREATE VIEW event_store.open_orders AS SELECT id FROM event_store.orders WHERE status IN ('new');\n";
        Database db = SchemaFixture.database("moved_sequences", sql);
        fixture.createDatabase(db);
        fixture.apply(fixture.plan(db).orElseThrow());
        fixture.byHand(db, "INSERT INTO event_store.orders (status) SELECT 'paid' FROM generate_series(1, 50)");

        assertThat(fixture.plan(SchemaFixture.database("moved_sequences", sql)))
                .as("a sequence's position is data, and x IN (...) printed back as = ANY (ARRAY[...]) means the same")
                .isEmpty();
    }

    @Test
    void aFailingStatementIsReportedAtItsFileAndLineAndTheShadowIsDroppedAnyway() {
        Database db = SchemaFixture.database("broken", "CREATE TABLE event_store.ok (id int);\n\nCREATE TABLE event_store.bad (id nosuchtype);\n");
        fixture.createDatabase(db);

        assertThatThrownBy(() -> fixture.plan(db)).isInstanceOf(PlanningFailed.class)
                .hasMessageContaining("file0.sql:3:1: this statement fails when the SQL files are run in a scratch database"
                        + " as stock_analysis_owner: type \"nosuchtype\" does not exist");
        assertThat(fixture.shadowsLeft()).as("the shadow is dropped on failure too").isZero();
    }

    private String recordedCatalog(Database db) {
        return SchemaState.read(fixture.sessions().open(SchemaFixture.CONTAINER.name(), db.name())).orElseThrow().catalogDigest();
    }

    private String liveCatalog(Database db) {
        return SchemaState.catalogDigest(fixture.sessions().open(SchemaFixture.CONTAINER.name(), db.name()));
    }
}
