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
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cached shadow of the desired state never changes what a plan says: the same changes planned
 * with the cache and without it give the same statements, while the cache is really used (the server's
 * log shows a copy of it, or no scratch database at all).
 */
@ExtendWith(WithPostgres.class)
class ShadowCacheServerTest {

    @Test
    void cachedAndUncachedPlansAgreeOnEveryKindOfChange(PostgresServer server) throws IOException {
        Path dir = Files.createTempDirectory("provision-cache-");
        String seed = SchemaFixture.seedSql();
        try (SchemaFixture cached = new SchemaFixture(server, SchemaDriver.LARGE_TABLE_ROWS, true);
                SchemaFixture uncached = new SchemaFixture(server, SchemaDriver.LARGE_TABLE_ROWS, false)) {
            Database db = SchemaFixture.database(dir, "cache_agrees", seed);
            cached.createDatabase(db);
            cached.apply(cached.plan(db).orElseThrow());
            assertThat(cached.plan(db)).as("applied: nothing to do").isEmpty();

            List<String> edits = List.of(
                    seed + "\nCREATE INDEX idx_events_aggregate ON event_store.events (aggregate_id);\n",
                    seed.replace("    created_by      varchar(255) NOT NULL DEFAULT 'system',", "    created_by      varchar(255) NOT NULL DEFAULT 'system', note text,"),
                    seed.replace("CREATE INDEX idx_events_type", "CREATE INDEX idx_events_kind"),
                    seed + "\nCREATE VIEW event_store.recent AS SELECT event_id FROM event_store.events;\n");
            for (String edit : edits) {
                assertThat(edit).as("each edit really changes the file").isNotEqualTo(seed);
                List<String> withCache = ddl(cached.plan(SchemaFixture.database(dir, "cache_agrees", edit)));
                List<String> without = ddl(uncached.plan(SchemaFixture.database(dir, "cache_agrees", edit)));
                assertThat(withCache).as("the cache must not change what the plan says").isEqualTo(without).isNotEmpty();
                long before = createdScratch(server);
                assertThat(ddl(cached.plan(SchemaFixture.database(dir, "cache_agrees", edit))))
                        .as("planned again from the cached shadow as it is: the same").isEqualTo(without);
                assertThat(createdScratch(server)).as("the same files again: the cached shadow is read, no shadow of the files made")
                        .isEqualTo(before);
            }

            cached.byHand(db, "DROP INDEX event_store.idx_events_type");
            assertThat(ddl(cached.plan(db))).as("drift: the cache must not change the repair either")
                    .isEqualTo(ddl(uncached.plan(db))).isNotEmpty();
            assertThat(cached.shadowsLeft()).as("every scratch database is dropped; only the cache is kept").isZero();
        }
    }

    @Test
    void aCopyOfTheCacheRunsOnlyTheNewStatementsWithTheSettingsBeforeThem(PostgresServer server) throws IOException {
        Path dir = Files.createTempDirectory("provision-cache-");
        String sql = "SET search_path = event_store;\nCREATE TABLE orders (id bigint PRIMARY KEY, note text);\n";
        try (SchemaFixture cached = new SchemaFixture(server, SchemaDriver.LARGE_TABLE_ROWS, true);
                SchemaFixture uncached = new SchemaFixture(server, SchemaDriver.LARGE_TABLE_ROWS, false)) {
            Database db = SchemaFixture.database(dir, "cache_copy", sql);
            cached.createDatabase(db);
            cached.apply(cached.plan(db).orElseThrow());

            String appended = sql + "CREATE INDEX orders_note ON orders (note);\n";
            int copies = server.log().split("TEMPLATE \"provision_shadow_", -1).length - 1;
            List<String> withCache = ddl(cached.plan(SchemaFixture.database(dir, "cache_copy", appended)));
            assertThat(server.log().split("TEMPLATE \"provision_shadow_", -1).length - 1)
                    .as("one statement appended: the plan copies the cached shadow").isEqualTo(copies + 1);
            assertThat(withCache).as("the unqualified index lands in event_store: the file's search_path ran again in the copy")
                    .containsExactly("CREATE INDEX orders_note ON event_store.orders USING btree (note)")
                    .isEqualTo(ddl(uncached.plan(SchemaFixture.database(dir, "cache_copy", appended))));
        }
    }

    @Test
    void aCopyStandsOnlyForCachedStatementsThatComeFirstAndLeftNothingInTheSession() {
        List<dev.provision.postgres.SqlParser.Statement> statements = List.of(
                new dev.provision.postgres.SqlParser.Statement("SET search_path = a", 0, 1, 1),
                new dev.provision.postgres.SqlParser.Statement("CREATE TABLE t (id int)", 0, 2, 1),
                new dev.provision.postgres.SqlParser.Statement("CREATE TEMP TABLE scratch (id int)", 0, 3, 1),
                new dev.provision.postgres.SqlParser.Statement("CREATE TABLE u (id int)", 0, 4, 1));
        List<String> chain = DesiredStateCache.chain(statements);
        assertThat(DesiredStateCache.reusable(statements, chain, chain.subList(0, 2)))
                .as("the cached statements come first and a setting is run again: a copy stands for them").isEqualTo(2);
        assertThat(DesiredStateCache.reusable(statements, chain, chain.subList(0, 3)))
                .as("a cached temporary table lived in the session that made it: no copy").isZero();
        assertThat(DesiredStateCache.reusable(statements.subList(0, 2), chain.subList(0, 2), chain.subList(0, 3)))
                .as("the cache ran a statement the files no longer have: a copy would hold it").isZero();
        assertThat(DesiredStateCache.reusable(statements, chain, List.of("0000000000000000")))
                .as("nothing in common").isZero();
        assertThat(DesiredStateCache.Entry.parse(new DesiredStateCache.Entry("ctx", chain).comment()))
                .as("the comment reads back as the entry it records").contains(new DesiredStateCache.Entry("ctx", chain));
    }

    /** Shadows of the files made so far (not the printed copies a second comparison makes, named ..._d and ..._l). */
    private static long createdScratch(PostgresServer server) {
        return java.util.regex.Pattern.compile("CREATE DATABASE \"provision_shadow_[0-9a-z_]*[0-9a-f]{4}\"").matcher(server.log())
                .results().count();
    }

    private static List<String> ddl(Optional<PlannedChange> change) {
        return change.orElseThrow().steps().stream().map(Step.Sql.class::cast).flatMap(step -> step.changes().stream())
                .filter(s -> !s.startsWith("SET LOCAL ") && !s.equals("RESET ROLE")).toList();
    }
}
