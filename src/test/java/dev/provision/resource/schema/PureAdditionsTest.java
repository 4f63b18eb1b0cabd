package dev.provision.resource.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Only DDL that adds what the live database lacks skips the printing-normalized second comparison. */
class PureAdditionsTest {

    @Test
    void newIndexesTablesColumnsConstraintsAndCommentsAreAdditions() {
        assertThat(PureAdditions.only(List.of("SET LOCAL search_path = pg_catalog",
                "CREATE INDEX idx_a ON app.t USING btree (a)",
                "CREATE UNIQUE INDEX idx_b ON app.t USING btree (b) WHERE (b > 0)",
                "CREATE TABLE app.u (\n\tid integer NOT NULL\n)",
                "ALTER TABLE app.t ADD COLUMN note text",
                "ALTER TABLE app.t ADD CONSTRAINT t_b_check CHECK ((b > 0))",
                "COMMENT ON TABLE app.t IS 'x'"))).isTrue();
        assertThat(PureAdditions.only(List.of())).as("nothing to compare again").isTrue();
    }

    @Test
    void anythingThatDropsReplacesOrAltersAnExistingObjectIsNot() {
        for (String statement : List.of("DROP INDEX app.idx_a", "CREATE OR REPLACE VIEW app.v AS SELECT 1",
                "CREATE OR REPLACE FUNCTION app.f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$",
                "ALTER TABLE app.t ALTER COLUMN a SET DEFAULT 1", "ALTER TABLE app.t DROP CONSTRAINT c",
                "ALTER TABLE app.t ADD COLUMN b int, DROP COLUMN c", "CREATE MATERIALIZED VIEW app.m AS SELECT 1",
                "ALTER VIEW app.v OWNER TO x")) {
            assertThat(PureAdditions.only(List.of("CREATE INDEX i ON app.t USING btree (a)", statement)))
                    .as("%s may come from an object printed back differently", statement).isFalse();
        }
    }
}
