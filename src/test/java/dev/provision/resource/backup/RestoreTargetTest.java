package dev.provision.resource.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What restore --to accepts, and the pgBackRest options each point becomes. */
class RestoreTargetTest {

    @Test
    void latestRestoresEverythingArchived() {
        assertThat(RestoreTarget.parse("latest")).isInstanceOf(RestoreTarget.Latest.class);
        assertThat(RestoreTarget.options(RestoreTarget.parse("latest"))).as("pgBackRest's default: the end of the archive").isEmpty();
    }

    @Test
    void aTimeInAnyOffsetBecomesAUtcTargetThatPromotes() {
        RestoreTarget.Point point = RestoreTarget.parse("2026-11-28 04:15:00.25+01:00");

        assertThat(point).isEqualTo(new RestoreTarget.Time(Instant.parse("2026-11-28T03:15:00.250Z")));
        assertThat(RestoreTarget.options(point))
                .containsExactly("--type=time", "--target=2026-11-28 03:15:00.250000+00:00", "--target-action=promote");
        assertThat(RestoreTarget.parse("2026-11-28T03:15:00Z")).isEqualTo(new RestoreTarget.Time(Instant.parse("2026-11-28T03:15:00Z")));
    }

    @Test
    void aLabelRestoresTheEndOfThatBackup() {
        RestoreTarget.Point point = RestoreTarget.parse("20261128-031500F_20261129-010000I");

        assertThat(RestoreTarget.options(point))
                .containsExactly("--set=20261128-031500F_20261129-010000I", "--type=immediate", "--target-action=promote");
    }

    @Test
    void anythingElseIsRefused() {
        assertThat(RestoreTarget.parse("yesterday")).isNull();
        assertThat(RestoreTarget.parse("2026-13-40T99:00:00Z")).isNull();
        assertThat(RestoreTarget.parse("20261128-031500X")).isNull();
    }
}
