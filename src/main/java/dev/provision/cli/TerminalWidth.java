package dev.provision.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The number of columns of the terminal this process runs in, asked once from {@code stty}. */
final class TerminalWidth {
    static final int DEFAULT = 80;
    private static volatile Integer columns;

    private TerminalWidth() {}

    /**
     * The terminal's width in columns: {@code stty size} on /dev/tty, else a positive {@code COLUMNS},
     * else {@value #DEFAULT}. Asked only when something is about to be laid out for a terminal.
     */
    static int columns() {
        Integer known = columns;
        if (known == null) {
            known = ask();
            columns = known;
        }
        return known;
    }

    private static int ask() {
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String answer = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (stty.waitFor(2, TimeUnit.SECONDS) && stty.exitValue() == 0) {
                return parse(answer.substring(answer.indexOf(' ') + 1), fromEnvironment());
            }
        } catch (IOException | RuntimeException e) {
            // no controlling terminal, or no stty: fall back below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return fromEnvironment();
    }

    private static int fromEnvironment() {
        return parse(System.getenv("COLUMNS"), DEFAULT);
    }

    static int parse(String text, int fallback) {
        try {
            int value = Integer.parseInt(text == null ? "" : text.trim());
            return value > 0 ? value : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
