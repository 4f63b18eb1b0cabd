package dev.provision.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;

/** Commands run in a test-bed container with {@code docker exec}, outside SSH, for test setup and checks. */
final class ContainerExec {
    private ContainerExec() {}

    /** Runs a command and fails the test when it fails; returns its standard output. */
    static String checked(GenericContainer<?> container, String... command) {
        ExecResult result = run(container, command);
        if (result.getExitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + result.getExitCode()
                    + ": " + result.getStderr());
        }
        return result.getStdout();
    }

    /** Runs a command and returns stdout then stderr, stripped, whatever its exit status. */
    static String output(GenericContainer<?> container, String... command) {
        ExecResult result = run(container, command);
        return (result.getStdout() + result.getStderr()).strip();
    }

    private static ExecResult run(GenericContainer<?> container, String... command) {
        try {
            return container.execInContainer(command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
