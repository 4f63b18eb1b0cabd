package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The completion script, sourced in a real bash, with the words of a command line being completed:
 * TAB runs {@code provision addresses} (a launcher for this build on PATH) for the inventory's values.
 */
class CompletionTest {
    private static final Path INVENTORY = Path.of("src", "test", "resources", "valid", "event-store.yaml");

    @TempDir
    static Path dir;

    static Path script;

    @BeforeAll
    static void generateScriptAndLauncher() throws IOException {
        script = writeScriptAndLauncher(dir);
    }

    /** Writes the completion script into {@code dir}, and {@code dir/bin/provision} running this build; returns the script. */
    static Path writeScriptAndLauncher(Path dir) throws IOException {
        CliOutputTest.Run generated = CliOutputTest.run("generate-completion");
        assertThat(generated.exitCode()).isEqualTo(ExitCodes.OK);
        Path written = Files.writeString(dir.resolve("provision-completion.bash"), generated.out());
        Path bin = Files.createDirectories(dir.resolve("bin"));
        String java = ProcessHandle.current().info().command().orElse("java");
        Path launcher = Files.writeString(bin.resolve("provision"), "#!/bin/sh\nexec '" + java + "' -cp '"
                + System.getProperty("java.class.path") + "' dev.provision.cli.Main \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        return written;
    }

    /** What bash offers for the last of {@code words}. */
    static List<String> complete(String... words) throws IOException, InterruptedException {
        StringBuilder array = new StringBuilder();
        for (String word : words) {
            array.append(" '").append(word.replace("'", "'\\''")).append("'");
        }
        String program = "source \"$1\"\nCOMP_WORDS=(" + array + ")\nCOMP_CWORD=" + (words.length - 1)
                + "\nCOMP_LINE=\"${COMP_WORDS[*]}\"\nCOMP_POINT=${#COMP_LINE}\n_complete_provision 2>/dev/null\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", program, "completion-test", script.toString());
        builder.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        builder.redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD);
        Process bash = builder.start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(60, TimeUnit.SECONDS)).as("bash completes within a minute").isTrue();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void targetOffersTheInventorysAddresses() throws Exception {
        List<String> offered = complete("provision", "plan", "-i", INVENTORY.toString(), "--target",
                "containers.event-store.postgres.ro");

        assertThat(offered).as("the roles of the -i inventory, read when TAB is pressed").containsExactlyInAnyOrder(
                "containers.event-store.postgres.roles.stock_analysis_user",
                "containers.event-store.postgres.roles.stock_analysis_reader");
    }

    @Test
    void allowOffersTheHazardKinds() throws Exception {
        List<String> offered = complete("provision", "apply", "--allow", "");

        assertThat(offered).as("every hazard kind apply can refuse").containsExactlyElementsOf(dev.provision.plan.HazardKind.ids())
                .contains("container-replace", "drop-table");
    }

    @Test
    void forceUnlockOffersTheHostNames() throws Exception {
        List<String> offered = complete("provision", "force-unlock", "-i", INVENTORY.toString(), "");

        assertThat(offered).as("the hosts of the inventory, not their addresses").contains("local")
                .allMatch(h -> !h.contains("."));
    }
}
