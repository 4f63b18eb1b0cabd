package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/provision} on a machine without Java or Maven never installs anything unasked: without a
 * terminal it says what to run, unless the command already consents to changing the machine
 * ({@code apply --auto-approve}, the README's first command) or {@code PROVISION_INSTALL_BUILD_TOOLS=yes};
 * on a terminal it asks. The real launcher runs in a copy of the checkout whose PATH has no
 * {@code javac} or {@code mvn}; {@code apt-get} and {@code id} there are stand-ins that record the call
 * and stop, so nothing is installed on the machine running the test.
 */
class LauncherTest {
    @TempDir
    Path dir;

    private Path checkout;
    private Path bin;
    private Path aptCalls;

    @BeforeEach
    void machineWithoutJavaOrMaven() throws IOException {
        checkout = Files.createDirectories(dir.resolve("provision"));
        Files.createDirectories(checkout.resolve("bin"));
        Files.createDirectories(checkout.resolve("src/main"));
        Files.writeString(checkout.resolve("pom.xml"), "<project/>\n");
        Path launcher = Files.copy(Path.of("bin", "provision"), checkout.resolve("bin/provision"));
        launcher.toFile().setExecutable(true);
        bin = Files.createDirectories(dir.resolve("path"));
        for (String tool : List.of("bash", "env", "dirname", "readlink", "find", "rm", "cat", "grep")) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of(which(tool)));
        }
        aptCalls = dir.resolve("apt-calls");
        script("apt-get", "echo \"$*\" >> " + aptCalls + "; exit 1");
        root(true);
    }

    @Test
    void withoutATerminalItSaysWhatToRunAndInstallsNothing() throws Exception {
        Result run = launch(Map.of(), "validate");

        assertThat(run.exitCode()).as("it stops:\n%s", run.err()).isEqualTo(1);
        assertThat(run.err()).as("what is missing and the command to run")
                .contains("nothing was installed", "apt-get install openjdk-17-jdk-headless maven", "PROVISION_INSTALL_BUILD_TOOLS=yes");
        assertThat(aptCalls).as("apt-get was never run").doesNotExist();
    }

    @Test
    void theReadmesFirstCommandConsentsAndSaysWhatItInstallsBeforeInstalling() throws Exception {
        Result run = launch(Map.of(), "apply", "--auto-approve");

        assertThat(run.err()).as("it says so first").contains("installing Java 17 and Maven");
        assertThat(Files.readString(aptCalls)).as("apt-get ran, after saying so").contains("update");
    }

    @Test
    void autoApproveAfterDoubleDashIsNotConsent() throws Exception {
        Result run = launch(Map.of(), "apply", "--", "--auto-approve");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(aptCalls).as("an argument after -- is not an option").doesNotExist();
    }

    @Test
    void theEnvironmentVariableConsentsForScripts() throws Exception {
        Result run = launch(Map.of("PROVISION_INSTALL_BUILD_TOOLS", "yes"), "validate");

        assertThat(run.err()).contains("installing Java 17 and Maven");
        assertThat(aptCalls).as("apt-get ran").exists();
    }

    @Test
    void notRootItSaysWhatToRunAsRoot() throws Exception {
        root(false);

        Result run = launch(Map.of("PROVISION_INSTALL_BUILD_TOOLS", "yes"), "apply", "--auto-approve");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("install them as root", "apt-get install openjdk-17-jdk-headless maven");
        assertThat(aptCalls).doesNotExist();
    }

    @Test
    void onATerminalItAsksAndANoInstallsNothing() throws Exception {
        // script(1) gives the launcher a pseudo-terminal; "n" is the answer typed into it
        Result run = launch(Map.of(), "n\n", List.of(which("script"), "-qec", checkout.resolve("bin/provision") + " validate",
                "/dev/null"));

        assertThat(run.out() + run.err()).as("the question was asked on the terminal")
                .contains("Install them now (apt-get update && apt-get install openjdk-17-jdk-headless maven)? [y/N]")
                .contains("nothing was installed");
        assertThat(aptCalls).as("no is no").doesNotExist();
    }

    private record Result(int exitCode, String out, String err) {}

    private Result launch(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(checkout.resolve("bin/provision").toString()));
        command.addAll(List.of(args));
        return launch(environment, "", command);
    }

    private Result launch(Map<String, String> environment, String input, List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", bin.toString());
        builder.environment().put("TERM", "dumb");
        builder.environment().putAll(environment);
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the launcher returns").isTrue();
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private void root(boolean root) throws IOException {
        Files.deleteIfExists(bin.resolve("id"));
        script("id", "echo " + (root ? 0 : 1000));
    }

    private void script(String name, String body) throws IOException {
        Path file = bin.resolve(name);
        Files.writeString(file, "#!" + which("bash") + "\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String which(String tool) {
        for (String directory : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin")) {
            Path candidate = Path.of(directory, tool);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(tool + " is not installed; the launcher needs it");
    }
}
