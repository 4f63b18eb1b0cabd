package dev.provision.resource.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.inventory.Database;
import dev.provision.plan.Hazard;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.Step;
import dev.provision.testing.PostgresServer;
import dev.provision.testing.WithPostgres;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each hazard on a real server: the plan names it (so apply refuses it unless its kind is allowed),
 * nothing has touched the rows while it is refused, and once allowed the apply converges.
 */
@ExtendWith(WithPostgres.class)
class HazardTest {
    private static final String V1 = """
            CREATE TABLE event_store.accounts (
                id integer PRIMARY KEY,
                name varchar(10) NOT NULL,
                amount integer,
                note text
            );
            CREATE TABLE event_store.audit (id integer PRIMARY KEY);
            """;
    private SchemaFixture fixture;

    @BeforeEach
    void connect(PostgresServer server) {
        fixture = new SchemaFixture(server, 10);
    }

    @AfterEach
    void disconnect() {
        fixture.close();
    }

    @Test
    void droppingATableIsRefusedUntilAllowed() {
        Database db = withRows("drop_table");
        PlannedChange change = planWith(db, V1.replace("CREATE TABLE event_store.audit (id integer PRIMARY KEY);", ""));

        assertThat(kinds(change)).containsExactly("drop-table");
        assertThat(rows(db, "event_store.audit")).as("a refused plan touches nothing").isEqualTo(3);
        applyAndConverge(db, change, V1.replace("CREATE TABLE event_store.audit (id integer PRIMARY KEY);", ""));
    }

    @Test
    void aHazardTheInventoryAllowsIsShownButNotRefused() {
        Database db = withRows("allowed_in_inventory");
        Database v2 = SchemaFixture.database(db.name(), V1.replace(",\n    note text", ""));
        Database allowing = new Database(v2.name(), v2.at(), v2.owner(), v2.encoding(), null, null, v2.template(),
                v2.connectionLimit(), v2.settings(), v2.schemas(), v2.extensions(), v2.sql(), v2.grants(), v2.migrations(),
                List.of("drop-column"));

        PlannedChange change = fixture.plan(allowing).orElseThrow();

        assertThat(change.hazards()).isEmpty();
        assertThat(change.summary()).contains("allowed by the inventory: drops column note");
    }

    @Test
    void droppingAColumnIsRefusedUntilAllowed() {
        Database db = withRows("drop_column");
        String v2 = V1.replace(",\n    note text", "");
        PlannedChange change = planWith(db, v2);

        assertThat(kinds(change)).containsExactly("drop-column");
        assertThat(fixture.query(db, "SELECT count(note) AS n FROM event_store.accounts")).containsExactly(Map.of("n", 3L));
        applyAndConverge(db, change, v2);
    }

    @Test
    void aTypeChangeThatRewritesTheTableIsRefusedAndAWideningIsNot() {
        Database db = withRows("type_change");
        String widened = V1.replace("varchar(10)", "varchar(20)");
        assertThat(kinds(planWith(db, widened))).as("varchar(10) -> varchar(20) keeps the storage").isEmpty();

        String rewritten = V1.replace("amount integer", "amount bigint");
        PlannedChange change = planWith(db, rewritten);
        assertThat(kinds(change)).containsExactly("column-type-rewrite");
        applyAndConverge(db, change, rewritten);
        assertThat(fixture.query(db, "SELECT sum(amount) AS total FROM event_store.accounts"))
                .as("the values survive the rewrite").containsExactly(Map.of("total", new java.math.BigDecimal(60)));
    }

    @Test
    void notNullWithoutADefaultOnATableWithRowsIsRefused() {
        Database db = withRows("not_null");
        String added = V1.replace("note text", "note text,\n    region text NOT NULL");
        assertThat(kinds(planWith(db, added))).containsExactly("not-null-without-default");
        String withDefault = V1.replace("note text", "note text,\n    region text NOT NULL DEFAULT 'eu'");
        assertThat(kinds(planWith(db, withDefault))).as("a default fills the existing rows").isEmpty();

        String setNotNull = V1.replace("amount integer", "amount integer NOT NULL");
        PlannedChange change = planWith(db, setNotNull);
        assertThat(kinds(change)).containsExactly("not-null-without-default");
        applyAndConverge(db, change, setNotNull);
        assertThat(rows(db, "event_store.accounts")).isEqualTo(3);
    }

    @Test
    void aBlockingIndexBuildOnALargeTableIsRefusedAndConcurrentlyRunsOutsideTheTransaction() {
        Database db = withRows("index_build");
        fixture.byHand(db, "INSERT INTO event_store.audit SELECT g FROM generate_series(100, 200) g", "ANALYZE event_store.audit");
        String blocking = V1 + "CREATE INDEX audit_id_desc ON event_store.audit (id DESC);\n";
        assertThat(kinds(planWith(db, blocking))).containsExactly("blocking-index-build");

        String concurrent = V1 + "CREATE INDEX CONCURRENTLY audit_id_desc ON event_store.audit (id DESC);\n";
        PlannedChange change = planWith(db, concurrent);
        assertThat(kinds(change)).isEmpty();
        assertThat(change.steps()).anySatisfy(step -> {
            Step.Sql sql = (Step.Sql) step;
            assertThat(sql.transactional()).isFalse();
            assertThat(sql.statements()).singleElement().asString().startsWith("CREATE INDEX CONCURRENTLY audit_id_desc");
        });
        applyAndConverge(db, change, concurrent);
    }

    /** A database built from V1, with three accounts and three audit rows. */
    private Database withRows(String name) {
        Database db = SchemaFixture.database(name, V1);
        fixture.createDatabase(db);
        fixture.apply(fixture.plan(db).orElseThrow());
        fixture.byHand(db, "INSERT INTO event_store.accounts VALUES (1, 'a', 10, 'x'), (2, 'b', 20, 'y'), (3, 'c', 30, 'z')",
                "INSERT INTO event_store.audit VALUES (1), (2), (3)");
        return db;
    }

    private PlannedChange planWith(Database db, String sql) {
        return fixture.plan(SchemaFixture.database(db.name(), sql)).orElseThrow();
    }

    /** The hazards' kinds, each hazard checked to name the statement of the steps it concerns (the plan prints it there). */
    private static List<String> kinds(PlannedChange change) {
        List<String> statements = change.steps().stream().filter(Step.Sql.class::isInstance)
                .flatMap(s -> ((Step.Sql) s).statements().stream()).toList();
        assertThat(change.hazards()).as("every schema hazard is attached to the statement it concerns")
                .allSatisfy(h -> assertThat(statements).contains(h.statement()));
        return change.hazards().stream().map(Hazard::kind).toList();
    }

    private long rows(Database db, String table) {
        return (Long) fixture.query(db, "SELECT count(*) AS n FROM " + table).get(0).get("n");
    }

    private void applyAndConverge(Database db, PlannedChange change, String sql) {
        Set<String> allowed = Set.copyOf(kinds(change));
        assertThat(change.hazards()).allMatch(h -> allowed.contains(h.kind()));
        fixture.apply(change);
        assertThat(fixture.plan(SchemaFixture.database(db.name(), sql))).as("converged").isEmpty();
    }
}
