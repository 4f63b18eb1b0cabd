package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's sample of validate's output is what validate really prints for the mistakes it shows. */
class ReadmeSampleTest {
    @TempDir
    Path dir;

    @Test
    void theReadmesValidateSampleIsTheRealOutput() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String marker = "$ provision validate -i broken.yaml\n";
        assertThat(readme).contains(marker);
        String sample = readme.substring(readme.indexOf(marker) + marker.length());
        sample = sample.substring(0, sample.indexOf("```"));

        // The root inventory with the two mistakes the sample shows: autostart misspelt, a grant to app_rw.
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(Path.of("inventory.yaml")));
        int autostart = lines.indexOf("    autostart: true");
        lines.set(autostart, "    autostrat: true");
        int grant = indexOfFirst(lines, "- { role: stock_analysis_user, privileges: [CONNECT]");
        lines.set(grant, lines.get(grant).replace("role: stock_analysis_user", "role: app_rw"));
        Files.write(dir.resolve("broken.yaml"), lines);
        copyTree(Path.of("schema"), dir.resolve("schema"));

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "validate", "-i", dir.resolve("broken.yaml").toString());

        assertThat(code).isEqualTo(ExitCodes.INVALID);
        assertThat(err.toString().replace(dir.resolve("broken.yaml").toString(), "broken.yaml"))
                .as("the README shows validate's real messages, positions included").isEqualTo(sample);
    }

    private static int indexOfFirst(List<String> lines, String fragment) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(fragment)) {
                return i;
            }
        }
        throw new AssertionError("the root inventory has no line with " + fragment);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
