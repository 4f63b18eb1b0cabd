package dev.provision.resource.database;

import static dev.provision.resource.database.Fixtures.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.inventory.Postgres;
import dev.provision.plan.Action;
import dev.provision.plan.Hazard;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.UnmanagedResource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pure decisions on what provision created and the inventory no longer declares, and on what it did not create. */
class RemovalPlannerTest {
    @TempDir
    Path dir;

    private final RemovalPlanner planner = new RemovalPlanner();

    private static final Owned OWNED = new Owned(Set.of(Owned.Entry.role("app"), Owned.Entry.role("gone"), Owned.Entry.role("owner"),
            Owned.Entry.database("app"), Owned.Entry.database("old"),
            Owned.Entry.in(Owned.Kind.SETTING, "app", "work_mem"), Owned.Entry.in(Owned.Kind.SCHEMA, "app", "scratch"),
            Owned.Entry.in(Owned.Kind.EXTENSION, "app", "hstore")));

    private static ClusterState cluster() {
        RoleState gone = new RoleState("gone", false, true, false, false, false, -1, null, Set.of(), List.of("", "app"), List.of("app"), java.util.Map.of());
        return new ClusterState(Map.of("app", Fixtures.role("app", true, -1), "gone", gone, "owner", Fixtures.role("owner", false, -1),
                "by_hand", Fixtures.role("by_hand", true, -1), "postgres", Fixtures.role("postgres", true, -1)),
                Map.of("app", new DatabaseState("app", "owner", "UTF8", "C", "C", -1, Map.of("work_mem", "8MB", "jit", "off")),
                        "old", new DatabaseState("old", "gone", "UTF8", "C", "C", -1, Map.of()),
                        "postgres", new DatabaseState("postgres", "postgres", "UTF8", "C", "C", -1, Map.of()),
                        "by_hand_db", new DatabaseState("by_hand_db", "by_hand", "UTF8", "C", "C", -1, Map.of())),
                Map.of(), OWNED);
    }

    private Postgres reduced() {
        return Fixtures.postgres(dir, "roles:\n  app: { login: true }\n  owner: {}\ndatabases:\n  app:\n    owner: owner\n");
    }

    private static final RemovalPlanner.Contents APP = new RemovalPlanner.Contents(Set.of("public", "scratch", "by_hand_schema"),
            Set.of("plpgsql", "hstore"));

    @Test
    void recordedButUndeclaredObjectsInADatabaseAreResetOrDroppedSettingsFirst() {
        Postgres pg = reduced();

        List<PlannedChange> changes = planner.withinDatabase(SERVER, pg.databases().get("app"), cluster(), APP);

        assertThat(changes).extracting(c -> c.address().path().replace("containers.db.postgres.", ""))
                .containsExactly("databases.app.settings.work_mem", "databases.app.extensions.hstore", "databases.app.schemas.scratch");
        assertThat(changes).allMatch(c -> c.action() == Action.DELETE && c.summary().startsWith("no longer declared"));
        assertThat(changes).extracting(c -> c.hazards().stream().map(Hazard::kind).toList())
                .as("only the schema loses data").containsExactly(List.of(), List.of(), List.of("schema-drop"));
        assertThat(Reconciler.statements(changes.get(0))).containsExactly("ALTER DATABASE \"app\" RESET \"work_mem\"");
        assertThat(Reconciler.statements(changes.get(2))).containsExactly("DROP SCHEMA \"scratch\" CASCADE");
        assertThat(Reconciler.bookkeeping(changes.get(2))).as("the record is forgotten with the schema").singleElement()
                .asString().startsWith("DELETE FROM \"provision\".\"owned\"");
    }

    @Test
    void databasesGoBeforeRolesAndARoleGivesItsObjectsToEachDatabasesOwner() {
        List<PlannedChange> changes = planner.cluster(SERVER, reduced(), cluster());

        assertThat(changes).extracting(c -> c.address().path().replace("containers.db.postgres.", ""))
                .as("gone and old only: by_hand was never recorded, app and owner are declared")
                .containsExactly("databases.old", "roles.gone");
        assertThat(changes.get(0).hazards()).extracting(Hazard::kind).containsExactly("database-drop");
        PlannedChange role = changes.get(1);
        assertThat(role.hazards()).extracting(Hazard::kind).as("it owns objects").containsExactly("role-drop");
        assertThat(Reconciler.statements(role)).as("shared objects (a database it owns) in postgres, then app's to its owner")
                .containsExactly(
                "REASSIGN OWNED BY \"gone\" TO \"postgres\"", "DROP OWNED BY \"gone\"",
                "REASSIGN OWNED BY \"gone\" TO \"owner\"", "DROP OWNED BY \"gone\"",
                "DROP ROLE \"gone\"");
    }

    @Test
    void declaredObjectsThatExistUnrecordedAreAdoptedInOneChange() {
        Postgres pg = Fixtures.postgres(dir, "roles:\n  by_hand: { login: true }\n  owner: {}\ndatabases:\n  app:\n    owner: owner\n"
                + "    settings: { jit: \"off\" }\n    schemas: { by_hand_schema: {}, public: {} }\n");

        PlannedChange adoption = planner.adopt(SERVER, pg, cluster(), Map.of("app", APP)).orElseThrow();

        assertThat(adoption.address().path()).isEqualTo("containers.db.postgres.ownership");
        assertThat(adoption.attributes()).extracting(a -> a.name())
                .as("public is built in and never recorded; app was recorded already")
                .containsExactly("roles.by_hand", "databases.app.settings.jit", "databases.app.schemas.by_hand_schema");
        assertThat(planner.adopt(SERVER, reduced(), cluster(), Map.of("app", APP))).as("nothing to adopt").isEmpty();
    }

    @Test
    void whatProvisionDidNotCreateIsListedAsUnmanagedBuiltInsExcepted() {
        List<UnmanagedResource> found = planner.unmanaged(SERVER, reduced(), cluster(), Map.of("app", APP));

        assertThat(found).extracting(u -> u.address().path().replace("containers.db.postgres.", "") + " " + u.kind())
                .containsExactly("roles.by_hand role", "databases.by_hand_db database", "databases.app.settings.jit setting",
                        "databases.app.schemas.by_hand_schema schema");
    }
}
