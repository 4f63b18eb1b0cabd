package dev.provision.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each {@code src/test/resources/invalid/<case>.yaml} must produce exactly the lines in its
 * sibling {@code <case>.expected}, in order, as the CLI prints them.
 */
class InvalidInventoryTest {
    private static final Path FIXTURES = Path.of("src", "test", "resources", "invalid");

    static Stream<Path> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void reportsExactlyTheExpectedDiagnostics(Path fixture) throws IOException {
        Path expectedFile = Path.of(fixture.toString().replaceFirst("\\.yaml$", ".expected"));
        assertThat(expectedFile).as("every invalid fixture needs its expected diagnostics").exists();
        List<String> expected = Files.readAllLines(expectedFile, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank()).toList();

        Loaded loaded = new InventoryLoader().load(fixture);

        List<String> actual = loaded.diagnostics().sorted().stream().map(Diagnostic::toString).toList();
        assertThat(actual).as("diagnostics of %s", fixture).containsExactlyElementsOf(expected);
        assertThat(loaded.isValid()).as("an inventory with errors is never valid").isFalse();
        assertThat(loaded.inventory()).as("no model is handed out when there are errors").isNull();
    }

    @Test
    void oneFileWithSeveralMistakesReportsEachOfThem() {
        Loaded loaded = new InventoryLoader().load(FIXTURES.resolve("many-mistakes.yaml"));

        List<Diagnostic> errors = loaded.diagnostics().errors();
        assertThat(errors).as("twelve different mistakes, twelve diagnostics").hasSize(12);
        assertThat(errors).extracting(Diagnostic::summary).anyMatch(s -> s.startsWith("unknown key \"adress\""))
                .anyMatch(s -> s.contains("host \"locl\""))
                .anyMatch(s -> s.contains("yes-please"))
                .anyMatch(s -> s.contains("is written as a literal"))
                .anyMatch(s -> s.contains("cannot be set per database"))
                .anyMatch(s -> s.contains("memory limit"))
                .anyMatch(s -> s.contains("unknown unit"))
                .anyMatch(s -> s.contains("stock_analysis_usr"));
        assertThat(errors).extracting(Diagnostic::at).as("each at its own place").doesNotHaveDuplicates();
    }
}
