package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Help.Ansi;

/** The reading progress line of plan: on a terminal only, counted in hosts, cut to the width, cleared at the end. */
class ReadingProgressTest {
    private static final Duration FAST = Duration.ofMillis(20);

    @Test
    void onATerminalItCountsTheHostsReadAndClearsTheLineWhenReadingEnds() throws InterruptedException {
        StringWriter text = new StringWriter();
        AtomicInteger read = new AtomicInteger(2);
        try (ReadingProgress progress = new ReadingProgress(new PrintWriter(text), Ansi.OFF, true, read::get, () -> 5, 80, FAST)) {
            awaitOutput(text, "2 of 5");
            read.set(5);
            awaitOutput(text, "read 5 hosts; reading servers and databases");
        }

        assertThat(text.toString()).as("the status is rewritten in place, never a new line").doesNotContain("\n")
                .contains("\r\u001b[K  reading hosts: 2 of 5 read [0s elapsed]")
                .as("and cleared at the end, so that the plan starts on a clean line").endsWith("\r\u001b[K");
    }

    @Test
    void offATerminalItPrintsNothing() throws InterruptedException {
        StringWriter text = new StringWriter();
        try (ReadingProgress progress = new ReadingProgress(new PrintWriter(text), Ansi.OFF, false, () -> 0, () -> 3, 80, FAST)) {
            Thread.sleep(FAST.toMillis() * 5);
        }

        assertThat(text.toString()).as("a pipe or a log file gets no status line").isEmpty();
    }

    @Test
    void aPlanThatReadsFasterThanTheDelayPrintsNothing() {
        StringWriter text = new StringWriter();
        try (ReadingProgress progress = new ReadingProgress(new PrintWriter(text), Ansi.OFF, true, () -> 1, () -> 1, 80,
                Duration.ofSeconds(1))) {
            // reading ended at once
        }

        assertThat(text.toString()).as("nothing flickers for a quick plan").isEmpty();
    }

    @Test
    void theLineIsCutToANarrowTerminal() throws InterruptedException {
        StringWriter text = new StringWriter();
        try (ReadingProgress progress = new ReadingProgress(new PrintWriter(text), Ansi.OFF, true, () -> 5, () -> 5, 30, FAST)) {
            awaitOutput(text, "...");
        }

        for (String shown : text.toString().split("\r\u001b\\[K")) {
            assertThat(shown.length()).as("fits 30 columns with the last one free: %s", shown).isLessThan(30);
        }
    }

    @Test
    void theStatusSaysWhatIsBeingRead() {
        assertThat(ReadingProgress.status(0, 0, 2)).isEqualTo("reading [2s elapsed]");
        assertThat(ReadingProgress.status(1, 1, 3)).isEqualTo("read 1 host; reading servers and databases [3s elapsed]");
    }

    private static void awaitOutput(StringWriter text, String expected) throws InterruptedException {
        for (int i = 0; i < 250 && !text.toString().contains(expected); i++) {
            Thread.sleep(20);
        }
        assertThat(text.toString()).as("the status line appears").contains(expected);
    }
}
