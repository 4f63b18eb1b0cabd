package dev.provision.resource.database;

import static dev.provision.resource.database.Fixtures.SERVER;
import static dev.provision.resource.database.Fixtures.cluster;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.inventory.Database;
import dev.provision.plan.Action;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Hazard;
import dev.provision.plan.Step;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database planner, without a server: template choice, recreation, settings. */
class DatabasePlannerTest {
    private static final DatabaseState TEMPLATE1 = new DatabaseState("template1", "postgres", "UTF8", "C.UTF-8", "C.UTF-8", -1, Map.of());

    @TempDir
    Path dir;

    private Database db(String yaml) {
        return Fixtures.postgres(dir, "databases:\n  app:\n" + yaml.indent(4)).databases().get("app");
    }

    @Test
    void createsFromTemplate0OnlyWhenTheLocaleDiffersFromTemplate1s() {
        assertThat(DatabasePlanner.template(db("encoding: UTF8\ncollation: en_US.UTF-8"), TEMPLATE1)).isEqualTo("template0");
        assertThat(DatabasePlanner.template(db("encoding: utf-8\ncollation: C.utf8"), TEMPLATE1)).isEqualTo("template1");
        assertThat(DatabasePlanner.template(db("encoding: UTF8"), null)).as("template1 not known yet").isEqualTo("template0");
        assertThat(DatabasePlanner.template(db("connection_limit: 3"), TEMPLATE1)).isEqualTo("template1");
        assertThat(DatabasePlanner.template(db("template: template0"), TEMPLATE1)).isEqualTo("template0");
    }

    @Test
    void createsAloneThenSetsItsSettingsInOneTransaction() {
        Database db = db("owner: postgres\nencoding: UTF8\ncollation: en_US.UTF-8\nctype: en_US.UTF-8\nsettings: { work_mem: 32MB }");

        DatabasePlanner.Outcome outcome = new DatabasePlanner().plan(SERVER, db, cluster(List.of(), List.of(TEMPLATE1)));

        assertThat(outcome.fresh()).isTrue();
        assertThat(outcome.change().orElseThrow().steps()).containsExactly(
                new Step.Sql("local", "db", null, List.of("CREATE DATABASE \"app\" WITH OWNER \"postgres\" TEMPLATE \"template0\""
                        + " ENCODING 'UTF8' LC_COLLATE 'en_US.UTF-8' LC_CTYPE 'en_US.UTF-8' CONNECTION LIMIT -1"), false),
                new Step.Sql("local", "db", null, List.of("ALTER DATABASE \"app\" SET \"work_mem\" = '32MB'"), true),
                new Step.Sql("local", "db", null, Ownership.record(List.of(Owned.Entry.database("app"),
                        Owned.Entry.in(Owned.Kind.SETTING, "app", "work_mem"))), true));
    }

    @Test
    void aDifferentLocaleMeansRecreatingTheDatabaseWhichIsAHazard() {
        Database db = db("collation: en_US.UTF-8");
        DatabaseState actual = new DatabaseState("app", "postgres", "UTF8", "C.UTF-8", "C.UTF-8", -1, Map.of());

        DatabasePlanner.Outcome outcome = new DatabasePlanner().plan(SERVER, db, cluster(List.of(), List.of(TEMPLATE1, actual)));

        assertThat(outcome.fresh()).as("its contents are planned as for a new database").isTrue();
        assertThat(outcome.change().orElseThrow()).satisfies(c -> {
            assertThat(c.action()).isEqualTo(Action.REPLACE);
            assertThat(c.hazards()).extracting(Hazard::kind).containsExactly("database-recreate");
            assertThat(c.attributes()).containsExactly(new AttributeChange("collation", "C.UTF-8", "en_US.UTF-8"));
            assertThat(Reconciler.statements(c)).first().isEqualTo("DROP DATABASE \"app\"");
        });
    }

    @Test
    void setsDifferingSettingsAndLeavesUndeclaredOnesToRemoval() {
        Database db = db("encoding: UTF-8\nsettings: { work_mem: 32MB, search_path: \"app, public\" }");
        DatabaseState actual = new DatabaseState("app", "postgres", "UTF8", "C", "C", -1,
                Map.of("work_mem", "64MB", "statement_timeout", "5s", "search_path", "app, public"));

        DatabasePlanner.Outcome outcome = new DatabasePlanner().plan(SERVER, db, cluster(List.of(), List.of(actual)));

        assertThat(outcome.fresh()).isFalse();
        assertThat(Reconciler.statements(outcome.change().orElseThrow()))
                .as("statement_timeout is not declared: RemovalPlanner resets it only if provision set it")
                .containsExactly("ALTER DATABASE \"app\" SET \"work_mem\" = '32MB'");
    }

    @Test
    void writesEachElementOfAListSettingAsItsOwnLiteral() {
        assertThat(DatabaseSql.set("app", "search_path", "app, public"))
                .isEqualTo("ALTER DATABASE \"app\" SET \"search_path\" = 'app', 'public'");
    }
}
