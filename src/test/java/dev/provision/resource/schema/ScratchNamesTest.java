package dev.provision.resource.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Scratch database names say which run made them and when, so a leftover can be told from one in use. */
class ScratchNamesTest {

    @Test
    void aNameCarriesTheRunAndItsCreationTime() {
        Instant at = Instant.parse("2026-11-27T23:00:00Z");
        String name = ScratchNames.of("0123456789ab", at);

        assertThat(name.length()).as("PostgreSQL keeps 63 bytes of a name, with _d or _l added").isLessThanOrEqualTo(61);
        assertThat(ScratchNames.owner(name)).hasValueSatisfying(owner -> {
            assertThat(owner.thisRun()).as("made by this run").isTrue();
            assertThat(owner.created()).isEqualTo(at);
        });
        assertThat(ScratchNames.of("0123456789ab", at)).as("two comparisons of one run in one second differ").isNotEqualTo(name);
        assertThat(ScratchNames.owner(name + "_d")).as("the printed copies belong to the same run")
                .hasValueSatisfying(owner -> assertThat(owner.runId()).isEqualTo(ScratchNames.RUN_ID));
    }

    @Test
    void namesOfOtherRunsAndOfOlderVersionsAreRecognised() {
        assertThat(ScratchNames.owner("provision_shadow_0123456789ab_0000002a_1_beef")).hasValueSatisfying(owner -> {
            assertThat(owner.runId()).isEqualTo(42);
            assertThat(owner.thisRun()).isFalse();
        });
        assertThat(ScratchNames.owner("provision_shadow_0123456789ab_l")).as("an older version's fixed name")
                .hasValueSatisfying(owner -> assertThat(owner.created()).isEqualTo(Instant.EPOCH));
        assertThat(ScratchNames.owner("provision_shadows")).as("anything else is not a scratch database").isEmpty();
        assertThat(ScratchNames.owner("app")).isEmpty();
    }
}
