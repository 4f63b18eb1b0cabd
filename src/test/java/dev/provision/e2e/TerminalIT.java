package dev.provision.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How the packaged CLI behaves in a real 80-column pseudo-terminal: colour decided per stream and by
 * the NO_COLOR and TERM conventions, help wrapped to the terminal. No host is needed: every command
 * here stops at validation.
 */
class TerminalIT {
    private static final String ESC = "\u001b[";
    private static final Tmux TMUX = new Tmux();
    private static Path dir;
    private static Path broken;

    @BeforeAll
    static void brokenInventory() throws IOException {
        dir = Files.createTempDirectory("provision-terminal");
        broken = Files.writeString(dir.resolve("broken.yaml"), "hosts:\n  a:\n    transprot: local\n");
    }

    @AfterAll
    static void closeTerminals() throws IOException {
        TMUX.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static String screenOf(String shellCommand) {
        String session = TMUX.start(shellCommand, 80);
        assertThat(TMUX.awaitExit(session, Duration.ofSeconds(60))).as("%s ends", shellCommand).isNotNegative();
        return TMUX.screen(session, true);
    }

    @Test
    void diagnosticsAreColouredOnTheTerminalButNotInAFileStandardErrorIsRedirectedTo() throws IOException {
        Path errors = dir.resolve("err.txt");
        String screen = screenOf(Jar.shellCommand("validate", "-i", broken.toString()));
        screenOf(Jar.shellCommand("validate", "-i", broken.toString()) + " 2>" + errors);

        assertThat(screen).as("on the terminal the diagnostic is coloured").contains("unknown key").contains(ESC);
        assertThat(Files.readString(errors)).as("a file gets plain text even though stdout is a terminal")
                .contains("unknown key").doesNotContain("\u001b");
    }

    @Test
    void planJsonWithStandardErrorInAFileKeepsEscapeCodesOutOfTheFile() throws IOException {
        Path errors = dir.resolve("plan-err.txt");
        screenOf(Jar.shellCommand("plan", "--json", "-i", broken.toString()) + " 2>" + errors);

        assertThat(Files.readString(errors)).contains("unknown key").doesNotContain("\u001b");
    }

    @Test
    void termDumbAndANonEmptyNoColorTurnColourOffAndAnEmptyNoColorDoesNot() {
        String validate = Jar.shellCommand("validate", "-i", broken.toString());

        assertThat(screenOf("TERM=dumb " + validate)).contains("unknown key").doesNotContain(ESC);
        assertThat(screenOf("NO_COLOR=1 " + validate)).contains("unknown key").doesNotContain(ESC);
        assertThat(screenOf("NO_COLOR= " + validate)).as("an empty NO_COLOR is not set, by the convention")
                .contains("unknown key").contains(ESC);
    }

    @Test
    void helpWrapsToTheTerminalsWidth() {
        String screen = screenOf(Jar.shellCommand("apply", "--help"));

        assertThat(screen).contains("--auto-approve");
        // capture-pane -J joins the lines the terminal wrapped: a line longer than 80 wrapped.
        screen.replaceAll("\u001b\\[[0-9;]*m", "").lines().filter(line -> !line.startsWith("provision-exit="))
                .forEach(line -> assertThat(line.length()).as("help line fits 80 columns: %s", line).isLessThanOrEqualTo(80));
    }
}
