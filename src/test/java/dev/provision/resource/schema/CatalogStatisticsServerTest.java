package dev.provision.resource.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.testing.PostgresServer;
import dev.provision.testing.WithPostgres;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The catalogs' statistics are refreshed when a database has just gained many objects, and only then. */
@ExtendWith(WithPostgres.class)
class CatalogStatisticsServerTest {

    @Test
    void aDatabaseThatJustGainedManyTablesIsAnalyzedOnceAndThenLeftAlone(PostgresServer server) throws Exception {
        try (SchemaFixture fixture = new SchemaFixture(server, SchemaDriver.LARGE_TABLE_ROWS)) {
            fixture.sessions().open(SchemaFixture.CONTAINER.name(), null).executeAlone("CREATE DATABASE stats");
            StringBuilder sql = new StringBuilder("CREATE SCHEMA s;");
            for (int t = 0; t < 300; t++) {
                sql.append("CREATE TABLE s.t").append(t).append(" (id bigint PRIMARY KEY, a text, b int);");
            }
            fixture.sessions().open(SchemaFixture.CONTAINER.name(), "stats").executeInTransaction(java.util.List.of(sql.toString()));
            try (Connection connection = fixture.sessions().connect(SchemaFixture.CONTAINER.name(), "stats")) {
                assertThat(CatalogStatistics.refresh(connection))
                        .as("300 new tables leave the template's statistics of pg_class and pg_attribute far off: both analyzed")
                        .contains("pg_catalog.pg_class", "pg_catalog.pg_attribute");
                assertThat(CatalogStatistics.refresh(connection))
                        .as("statistics just refreshed are current: nothing analyzed a second time").isEmpty();
            }
        }
    }

    @Test
    void smallCatalogsAndEstimatesWithinAFifthAreNotStale() {
        assertThat(CatalogStatistics.stale(150, 20)).as("both small: plans over it are cheap either way").isFalse();
        assertThat(CatalogStatistics.stale(1100, 1000)).as("within a fifth").isFalse();
        assertThat(CatalogStatistics.stale(22000, 3000)).as("seven times the estimate").isTrue();
        assertThat(CatalogStatistics.stale(5000, -1)).as("never analyzed").isTrue();
        assertThat(CatalogStatistics.stale(1000, 9000)).as("most rows gone since").isTrue();
    }
}
