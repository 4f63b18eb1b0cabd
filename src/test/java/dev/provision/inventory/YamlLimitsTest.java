package dev.provision.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.Diagnostic;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Hostile or broken files end in a diagnostic, quickly, never in an exception or a hang. */
class YamlLimitsTest {
    @TempDir
    Path dir;

    @Test
    void aVeryLargeFileIsRefusedWithoutReadingIt() throws IOException {
        Path file = dir.resolve("huge.yaml");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("hosts:\n");
            for (int i = 0; i < 120_000; i++) {
                w.write("  host" + i + ": { transport: local }\n");
            }
        }
        assertThat(Files.size(file)).isGreaterThan(YamlReader.MAX_SIZE);

        Loaded loaded = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> new InventoryLoader().load(file));

        assertThat(loaded.diagnostics().sorted()).singleElement().asString()
                .startsWith(file + ": inventory is too large")
                .contains("the limit is 3 MiB");
    }

    @Test
    void aMissingFileIsOneDiagnosticWithoutPosition() {
        Path file = dir.resolve("nope.yaml");

        Loaded loaded = new InventoryLoader().load(file);

        assertThat(loaded.diagnostics().sorted()).singleElement().asString()
                .isEqualTo(file + ": inventory file not found; check the path, or pass the inventory with -i FILE");
        assertThat(loaded.isValid()).isFalse();
    }

    @Test
    void anEmptyFileIsReported() throws IOException {
        Path file = Files.writeString(dir.resolve("empty.yaml"), "# nothing here\n");

        assertThat(new InventoryLoader().load(file).diagnostics().sorted()).singleElement().asString()
                .contains("inventory is empty");
    }

    @Test
    void invalidUtf8IsReported() throws IOException {
        Path file = Files.write(dir.resolve("latin1.yaml"), new byte[] {'h', 'o', 's', 't', 's', ':', ' ', (byte) 0xE9, '\n'});

        assertThat(new InventoryLoader().load(file).diagnostics().sorted()).singleElement().asString()
                .contains("not valid UTF-8");
    }

    @Test
    void deepNestingIsReportedNotAStackOverflow() throws IOException {
        Path file = Files.writeString(dir.resolve("deep.yaml"), "hosts: " + "[".repeat(5000) + "]".repeat(5000) + "\n");

        assertThatCode(() -> new InventoryLoader().load(file)).doesNotThrowAnyException();
        assertThat(new InventoryLoader().load(file).diagnostics().sorted()).singleElement().asString()
                .contains("nested more than");
    }

    @Test
    void mergeKeysAndAFewAliasesAreFine() throws IOException {
        Path file = Files.writeString(dir.resolve("merge.yaml"), """
                hosts:
                  a: &ssh { address: 192.0.2.1, user: admin }
                  b: { <<: *ssh, address: 192.0.2.2 }
                """);

        Loaded loaded = new InventoryLoader().load(file);

        assertThat(loaded.diagnostics().sorted()).extracting(Diagnostic::toString).isEmpty();
        assertThat(loaded.inventory().hosts().get("b").user()).isEqualTo("admin");
        assertThat(loaded.inventory().hosts().get("b").address()).isEqualTo("192.0.2.2");
    }

    @Test
    void theSameMistakeReachedThroughAliasesIsReportedOnce() throws IOException {
        Path file = Files.writeString(dir.resolve("alias.yaml"), """
                hosts:
                  a: &bad { address: 192.0.2.1, prot: 22 }
                  b: *bad
                  c: *bad
                """);

        assertThat(new InventoryLoader().load(file).diagnostics().sorted()).extracting(Diagnostic::toString)
                .containsExactly(file + ":2:33: unknown key \"prot\" in host \"a\"; did you mean \"port\"?",
                        file + ":2:33: unknown key \"prot\" in host \"b\"; did you mean \"port\"?",
                        file + ":2:33: unknown key \"prot\" in host \"c\"; did you mean \"port\"?");
    }

    @Test
    void floodsOfMistakesAreCapped() throws IOException {
        StringBuilder yaml = new StringBuilder("hosts:\n  h: { transport: local }\ncontainers:\n");
        for (int i = 0; i < 500; i++) {
            yaml.append("  c").append(i).append(": { host: nowhere, image: { template: debian, release: x } }\n");
        }
        Path file = Files.writeString(dir.resolve("flood.yaml"), yaml);

        assertThat(new InventoryLoader().load(file).diagnostics().sorted())
                .hasSize(Problems.LIMIT + 1)
                .first().asString().contains("more than " + Problems.LIMIT + " problems");
    }
}
