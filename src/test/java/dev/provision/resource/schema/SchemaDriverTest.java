package dev.provision.resource.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.plan.Mode;
import dev.provision.plan.Targets;
import dev.provision.plan.Action;
import dev.provision.plan.Cause;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.ResourceAddress;
import dev.provision.plan.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Planning without a server: what this plan creates cannot be read yet, so the files run as they are. */
class SchemaDriverTest {
    private static final ResourceAddress DATABASE =
            ResourceAddress.of("containers", "event-store", "postgres", "databases", "stock_analysis_event_store");

    @Test
    void aDatabaseThisPlanCreatesGetsItsFilesRunAsTheOwnerWithoutReadingAnything() {
        PlannedChange creation = new PlannedChange(DATABASE, Action.CREATE, Cause.INVENTORY, "new", List.of(), List.of(), List.of());

        List<PlannedChange> changes = new SchemaDriver().plan(SchemaFixture.INVENTORY, null, Targets.all(), Mode.APPLY,
                List.of(creation));

        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.address()).isEqualTo(DATABASE.child("objects"));
            assertThat(change.action()).isEqualTo(Action.CREATE);
            Step.Sql sql = (Step.Sql) change.steps().get(0);
            assertThat(sql.transactional()).isTrue();
            assertThat(sql.statements().get(0)).isEqualTo("SET LOCAL ROLE \"stock_analysis_owner\"");
            assertThat(sql.statements()).anyMatch(s -> s.startsWith("CREATE TABLE event_store.events ("))
                    .anyMatch(s -> s.startsWith("CREATE MATERIALIZED VIEW projections.portfolio_positions"))
                    .anyMatch(s -> s.startsWith("INSERT INTO \"provision\".schema_state"));
        });
    }

    @Test
    void destroyPlansNothingAndOtherTargetsAreLeftAlone() {
        assertThat(new SchemaDriver().plan(SchemaFixture.INVENTORY, null, Targets.all(), Mode.DESTROY, List.of())).isEmpty();
        Targets elsewhere = new Targets(List.of(ResourceAddress.of("containers", "other")));
        assertThat(new SchemaDriver().plan(SchemaFixture.INVENTORY, null, elsewhere, Mode.APPLY, List.of())).isEmpty();
    }
}
