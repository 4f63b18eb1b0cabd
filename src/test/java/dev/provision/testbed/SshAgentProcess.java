package dev.provision.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code ssh-agent} process on this machine, listening on a socket of its own, stopped by
 * {@link #close()}. Keys are added with the real {@code ssh-add}, which reads a passphrase through
 * {@code SSH_ASKPASS}, as a desktop session does.
 */
public final class SshAgentProcess implements AutoCloseable {
    private final Process process;
    private final Path socket;
    private final Path dir;

    private SshAgentProcess(Process process, Path socket, Path dir) {
        this.process = process;
        this.socket = socket;
        this.dir = dir;
    }

    /** Starts {@code ssh-agent -D -a SOCKET} in {@code dir} and waits for its socket. */
    public static SshAgentProcess start(Path dir) {
        Path socket = dir.resolve("agent.sock");
        try {
            Process process = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("agent.log").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.exists(socket)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("ssh-agent did not create " + socket + ": "
                            + Files.readString(dir.resolve("agent.log")));
                }
                Thread.sleep(20);
            }
            return new SshAgentProcess(process, socket, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The agent's socket, what {@code SSH_AUTH_SOCK} names. */
    public Path socket() {
        return socket;
    }

    /** The environment that points a program at this agent. */
    public Map<String, String> environment() {
        return Map.of("SSH_AUTH_SOCK", socket.toString());
    }

    /** Adds {@code key} to the agent with {@code ssh-add}, unlocking it with {@code passphrase}. */
    public void add(Path key, String passphrase) {
        try {
            Path askpass = dir.resolve("askpass.sh");
            // The passphrase reaches the script through its environment, never its command line.
            Files.writeString(askpass, "#!/bin/sh\nprintf '%s\\n' \"$TEST_KEY_PASSPHRASE\"\n", StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
            ProcessBuilder builder = new ProcessBuilder("ssh-add", key.toString()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(Map.of("SSH_AUTH_SOCK", socket.toString(), "SSH_ASKPASS", askpass.toString(),
                    "SSH_ASKPASS_REQUIRE", "force", "DISPLAY", ":0", "TEST_KEY_PASSPHRASE", passphrase));
            Process add = builder.start();
            String output = new String(add.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!add.waitFor(30, TimeUnit.SECONDS) || add.exitValue() != 0) {
                throw new IllegalStateException("ssh-add " + key + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
