package dev.provision.resource.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.resource.schema.CreatedObjects.CreatedObject;
import dev.provision.resource.schema.CreatedObjects.Kind;
import org.junit.jupiter.api.Test;

class CreatedObjectsTest {

    @Test
    void readsTablesViewsSequencesAndRoutinesFromTheirCreateStatements() {
        assertThat(CreatedObjects.of("CREATE TABLE event_store.events (\n id uuid)"))
                .contains(new CreatedObject(Kind.TABLE, "event_store", "events", null));
        assertThat(CreatedObjects.of("CREATE MATERIALIZED VIEW projections.\"Positions\" AS SELECT 1"))
                .contains(new CreatedObject(Kind.TABLE, "projections", "Positions", null));
        assertThat(CreatedObjects.of("CREATE SEQUENCE IF NOT EXISTS s.seq"))
                .contains(new CreatedObject(Kind.SEQUENCE, "s", "seq", null));
        assertThat(CreatedObjects.of("CREATE OR REPLACE FUNCTION projections.refresh_portfolio_positions() RETURNS void"))
                .contains(new CreatedObject(Kind.FUNCTION, "projections", "refresh_portfolio_positions", ""));
        assertThat(CreatedObjects.of("CREATE FUNCTION s.f(a integer, double precision, b text DEFAULT 'x') RETURNS int"))
                .contains(new CreatedObject(Kind.FUNCTION, "s", "f", "integer, double precision, text"));
        assertThat(CreatedObjects.of("CREATE INDEX i ON s.t (a)")).isEmpty();
    }
}
