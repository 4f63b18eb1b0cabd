package dev.provision.resource.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.inventory.Database;
import java.util.List;
import org.junit.jupiter.api.Test;

class HazardKindsTest {

    @Test
    void theInventoryAcceptsExactlyTheKindsTheDetectorReports() {
        assertThat(Database.SCHEMA_HAZARDS).containsExactlyInAnyOrder(HazardDetector.DROP_TABLE, HazardDetector.DROP_COLUMN,
                HazardDetector.TYPE_REWRITE, HazardDetector.NOT_NULL, HazardDetector.BLOCKING_INDEX);
    }

    @Test
    void wideningAVarcharOrDroppingItsLimitKeepsTheStorage() {
        assertThat(HazardDetector.keepsStorage("character varying(10)", "character varying(20)")).isTrue();
        assertThat(HazardDetector.keepsStorage("character varying(10)", "text")).isTrue();
        assertThat(HazardDetector.keepsStorage("character varying(20)", "character varying(10)")).isFalse();
        assertThat(HazardDetector.keepsStorage("integer", "bigint")).isFalse();
        assertThat(HazardDetector.keepsStorage(null, "text")).isFalse();
    }

    @Test
    void hazardsComeFromThePlannedStatementsAndTheCatalogFacts() {
        HazardDetector detector = new HazardDetector(1000);
        TableFacts big = new TableFacts(true, 5000, java.util.Map.of("amount", "integer"));
        List<String> ddl = List.of(
                "DROP TABLE event_store.audit",
                "ALTER TABLE ONLY event_store.accounts\n\tDROP COLUMN note",
                "ALTER TABLE event_store.accounts\n\tALTER COLUMN amount TYPE bigint USING amount::bigint",
                "ALTER TABLE event_store.accounts\n\tALTER COLUMN amount SET NOT NULL",
                "ALTER TABLE event_store.accounts\n\tADD COLUMN region text NOT NULL",
                "CREATE INDEX i ON event_store.accounts USING btree (amount)",
                "CREATE INDEX CONCURRENTLY j ON event_store.accounts USING btree (amount)");

        assertThat(HazardDetector.tablesToRead(ddl)).containsExactly("event_store.accounts");
        assertThat(detector.detect(ddl, java.util.Map.of("event_store.accounts", big)))
                .extracting(dev.provision.plan.Hazard::kind)
                .containsExactly("drop-table", "drop-column", "column-type-rewrite", "not-null-without-default",
                        "not-null-without-default", "blocking-index-build");
    }
}
