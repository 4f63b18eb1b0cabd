package dev.provision.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A real pseudo-terminal for the CLI: a tmux server of its own (its own socket), one session per
 * command, keys typed with send-keys and the screen read with capture-pane, escape codes included.
 */
final class Tmux implements AutoCloseable {
    private final String socket = "provision-test-" + ProcessHandle.current().pid();
    private int sessions;

    /** Runs {@code shellCommand} in a new 200x50 terminal; the last line it prints is {@code provision-exit=N}. */
    String start(String shellCommand) {
        return start(shellCommand, 200);
    }

    /** Runs {@code shellCommand} in a new terminal {@code columns} wide and 50 lines high. */
    String start(String shellCommand, int columns) {
        String name = "s" + (++sessions);
        tmux("new-session", "-d", "-s", name, "-x", String.valueOf(columns), "-y", "50",
                shellCommand + "; echo \"provision-exit=$?\"; sleep 900");
        return name;
    }

    void type(String session, String text) {
        tmux("send-keys", "-t", session, "-l", text);
        tmux("send-keys", "-t", session, "Enter");
    }

    /** The whole screen and scrollback, with the escape codes of colours when {@code escapes}. */
    String screen(String session, boolean escapes) {
        List<String> args = new ArrayList<>(List.of("capture-pane", "-p", "-J", "-S", "-", "-t", session));
        if (escapes) {
            args.add("-e");
        }
        return tmux(args.toArray(String[]::new));
    }

    /** Waits until the screen satisfies {@code condition}; fails with the screen when it does not in time. */
    String await(String session, Predicate<String> condition, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        String screen = "";
        while (Instant.now().isBefore(deadline)) {
            screen = screen(session, true);
            if (condition.test(screen)) {
                return screen;
            }
            sleep(250);
        }
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; the screen:\n" + screen);
    }

    /** Waits for the command to end and returns its exit status. */
    int awaitExit(String session, Duration timeout) {
        String screen = await(session, s -> s.contains("provision-exit="), timeout, "the command to end");
        String tail = screen.substring(screen.lastIndexOf("provision-exit=") + "provision-exit=".length());
        return Integer.parseInt(tail.replaceAll("(?s)^([0-9]+).*", "$1"));
    }

    @Override
    public void close() {
        try {
            run(List.of("tmux", "-L", socket, "kill-server"));
        } catch (RuntimeException ignored) {
            // no server was started
        }
    }

    private String tmux(String... args) {
        List<String> command = new ArrayList<>(List.of("tmux", "-L", socket, "-f", "/dev/null"));
        command.addAll(List.of(args));
        return run(command);
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
