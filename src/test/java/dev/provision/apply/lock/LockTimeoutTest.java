package dev.provision.apply.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** --lock-timeout reads durations as Terraform writes them, and prints them back the same way. */
class LockTimeoutTest {

    @Test
    void readsTerraformDurations() {
        assertThat(LockTimeout.parse("0")).as("the default: do not wait").isZero();
        assertThat(LockTimeout.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(LockTimeout.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(LockTimeout.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(LockTimeout.parse("1500ms")).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void refusesWhatIsNotADurationAndSaysHowToWriteOne() {
        for (String bad : new String[] {"", "30", "5 m", "-5s", "5d", "m", "1h30"}) {
            assertThatThrownBy(() -> LockTimeout.parse(bad)).as("\"%s\" is refused", bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("e.g. 30s, 5m");
        }
    }

    @Test
    void printsWhatItReads() {
        for (String text : new String[] {"0", "30s", "5m", "1h30m", "1500ms", "2h"}) {
            assertThat(LockTimeout.format(LockTimeout.parse(text))).as("%s round-trips", text).isEqualTo(text);
        }
    }
}
