package dev.provision.resource.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.plan.PlanningFailed;
import dev.provision.inventory.Database;
import dev.provision.plan.Action;
import dev.provision.plan.PlannedChange;
import dev.provision.testing.PostgresServer;
import dev.provision.testing.WithPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Migrations do what a comparison cannot infer, once each, on a real server. */
@ExtendWith(WithPostgres.class)
class MigrationTest {
    private static final String V1 = "CREATE TABLE event_store.accounts (id integer PRIMARY KEY, name text NOT NULL);\n";
    private static final String V2 = "CREATE TABLE event_store.accounts (id integer PRIMARY KEY, full_name text NOT NULL);\n";
    private static final String RENAME = "ALTER TABLE event_store.accounts RENAME COLUMN name TO full_name;\n";
    private SchemaFixture fixture;

    @TempDir
    Path dir;

    @BeforeEach
    void connect(PostgresServer server) {
        fixture = new SchemaFixture(server, SchemaDriver.LARGE_TABLE_ROWS);
    }

    @AfterEach
    void disconnect() {
        fixture.close();
    }

    @Test
    void aRenameRunsAsAMigrationSoNoDataIsDroppedAndTheDiffIsEmptyAfterwards() {
        Database v1 = SchemaFixture.database(dir, "rename", V1);
        fixture.createDatabase(v1);
        fixture.apply(fixture.plan(v1).orElseThrow());
        fixture.byHand(v1, "INSERT INTO event_store.accounts VALUES (1, 'Ada')");

        assertThat(fixture.plan(SchemaFixture.database(dir, "rename", V2)).orElseThrow().hazards())
                .as("without the migration, the comparison can only drop and add").isNotEmpty();

        Database v2 = SchemaFixture.database(dir, "rename", V2, RENAME);
        PlannedChange change = fixture.plan(v2).orElseThrow();
        assertThat(change.hazards()).as("the migration renames; nothing is dropped").isEmpty();
        assertThat(change.summary()).contains("run migrations", "no other difference");
        fixture.apply(change);

        assertThat(fixture.query(v2, "SELECT full_name FROM event_store.accounts")).containsExactly(Map.of("full_name", "Ada"));
        assertThat(fixture.plan(v2)).as("applied once: nothing left to do").isEmpty();
    }

    @Test
    void anAppliedMigrationThatWasEditedIsRefused() throws Exception {
        Database v2 = SchemaFixture.database(dir, "edited", V1);
        fixture.createDatabase(v2);
        fixture.apply(fixture.plan(v2).orElseThrow());
        v2 = SchemaFixture.database(dir, "edited", V2, RENAME);
        fixture.apply(fixture.plan(v2).orElseThrow());

        Files.writeString(dir.resolve("m0.sql"), RENAME + "-- edited afterwards\n");

        Database edited = v2;
        assertThatThrownBy(() -> fixture.plan(edited)).isInstanceOf(PlanningFailed.class)
                .hasMessageContaining("m0.sql was applied, and its file has changed since")
                .hasMessageContaining("put the new change in a new migration");
    }

    @Test
    void aNewDatabaseRecordsItsMigrationsWithoutRunningThem() {
        Database db = SchemaFixture.database(dir, "baseline", V2, RENAME);

        PlannedChange change = fixture.plan(db).orElseThrow();
        assertThat(change.action()).isEqualTo(Action.CREATE);
        fixture.createDatabase(db);
        fixture.apply(change);

        assertThat(fixture.query(db, "SELECT count(*) AS n FROM provision.migrations")).containsExactly(Map.of("n", 1L));
        assertThat(fixture.plan(db)).isEmpty();
    }
}
