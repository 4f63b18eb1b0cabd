package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The conventions users set in their environment to turn colour off (no-color.org, TERM=dumb). */
class ColourConventionTest {

    @Test
    void onlyANonEmptyNoColorTurnsColourOff() {
        assertThat(CommonOptions.colourAllowed(Map.of("NO_COLOR", ""))).as("an empty NO_COLOR means nothing").isTrue();
        assertThat(CommonOptions.colourAllowed(Map.of("NO_COLOR", "1"))).isFalse();
        assertThat(CommonOptions.colourAllowed(Map.of())).isTrue();
    }

    @Test
    void aDumbTerminalGetsNoColour() {
        assertThat(CommonOptions.colourAllowed(Map.of("TERM", "dumb"))).isFalse();
        assertThat(CommonOptions.colourAllowed(Map.of("TERM", "xterm-256color"))).isTrue();
    }

    @Test
    void theWidthComesFromAPositiveNumberOrFallsBack() {
        assertThat(TerminalWidth.parse("132", 80)).isEqualTo(132);
        assertThat(TerminalWidth.parse("0", 80)).isEqualTo(80);
        assertThat(TerminalWidth.parse(null, 80)).isEqualTo(80);
        assertThat(TerminalWidth.parse("wide", 80)).isEqualTo(80);
    }
}
