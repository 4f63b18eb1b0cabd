package dev.provision.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged CLI ({@code target/provision.jar}) as its own process, as a user or CI would. */
final class Jar {
    static final Path JAR = Path.of("target", "provision-cli.jar").toAbsolutePath();

    private Jar() {}

    /** The shell command that runs the jar, for a terminal. */
    static String shellCommand(String... args) {
        List<String> words = new ArrayList<>(List.of(java(), "-jar", JAR.toString()));
        words.addAll(List.of(args));
        return String.join(" ", words.stream().map(w -> "'" + w.replace("'", "'\\''") + "'").toList());
    }

    static Cli.Run run(Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("provision-out", ".txt");
            Path err = Files.createTempFile("provision-err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(20, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("provision " + String.join(" ", args) + " did not end within 20 minutes");
            }
            Cli.Run run = new Cli.Run(process.exitValue(), Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
