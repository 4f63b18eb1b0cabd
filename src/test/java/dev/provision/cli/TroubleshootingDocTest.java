package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/troubleshooting.md quotes real messages: every line of its {@code text} blocks, cut at each
 * {@code …} (the part that names a host, file or resource), must be found piece by piece in the
 * message texts of the code (string literals, adjacent ones joined, and bin/provision's) or in the real
 * output of the CLI on a broken inventory. A reworded message fails this test until the page follows.
 */
class TroubleshootingDocTest {
    private static final Path PAGE = Path.of("docs", "troubleshooting.md");
    private static final Pattern TEXT_BLOCK = Pattern.compile("```text\\n(.*?)```", Pattern.DOTALL);
    /** Pieces shorter than this (a "(", "): ") say nothing about the message. */
    private static final int SHORTEST_PIECE = 8;

    @TempDir
    Path dir;

    @Test
    void everyQuotedMessageExistsInTheCodeOrInRealOutput() throws IOException {
        String corpus = messagesInTheCode() + realOutput();
        List<String> quoted = quotedLines();

        assertThat(quoted).as("the page quotes messages").hasSizeGreaterThan(10);
        List<String> missing = new ArrayList<>();
        for (String line : quoted) {
            for (String piece : line.split("…")) {
                String text = piece.strip();
                if (text.length() >= SHORTEST_PIECE && !corpus.contains(text)) {
                    missing.add(text + "    (in: " + line + ")");
                }
            }
        }
        assertThat(missing).as("pieces of quoted messages that the code no longer says; update docs/troubleshooting.md")
                .isEmpty();
    }

    private static List<String> quotedLines() throws IOException {
        List<String> lines = new ArrayList<>();
        Matcher block = TEXT_BLOCK.matcher(Files.readString(PAGE));
        while (block.find()) {
            block.group(1).lines().filter(line -> !line.isBlank()).forEach(lines::add);
        }
        return lines;
    }

    /** The sources with adjacent string literals joined and escapes undone, and the launcher's echo lines joined. */
    private static String messagesInTheCode() throws IOException {
        StringBuilder corpus = new StringBuilder();
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                corpus.append(Files.readString(file).replaceAll("\"\\s*\\+\\s*\"", "")
                        .replace("\\\"", "\"").replace("\\\\", "\\")).append('\n');
            }
        }
        corpus.append(Files.readString(Path.of("bin", "provision")).replaceAll("\"\\s*\\\\\\n\\s*\"", " "));
        return corpus.toString();
    }

    /** What validate and plan print for an inventory with a misspelt key (nothing is contacted). */
    private String realOutput() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "hosts:\n  a:\n    transprot: local\n");
        return CliOutputTest.run("validate", "-i", broken.toString()).err()
                + CliOutputTest.run("plan", "-i", broken.toString()).err();
    }
}
