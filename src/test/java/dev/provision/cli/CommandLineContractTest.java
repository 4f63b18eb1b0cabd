package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The CLI contract of PRODUCT.md, from a user's side: commands, exit codes, messages without stack traces. */
class CommandLineContractTest {

    private record Outcome(int code, String out, String err) {}

    private static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void helpListsTheFourCommandsAndTheExitCodes() {
        Outcome help = run("--help");

        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("validate", "plan", "apply", "destroy", "force-unlock",
                "3   invalid inventory or arguments; nothing was contacted");
    }

    @Test
    void everyCommandHasItsOwnHelp() {
        for (String command : new String[] {"validate", "plan", "apply", "destroy"}) {
            Outcome help = run(command, "--help");
            assertThat(help.code()).as(command).isZero();
            assertThat(help.out()).as(command).contains("--inventory", "--no-color");
        }
        assertThat(run("plan", "--help").out()).contains("--target", "--detailed-exitcode");
        assertThat(run("apply", "--help").out()).contains("--auto-approve", "--allow");
    }

    @Test
    void theRootInventoryIsValid() {
        Outcome validate = run("validate", "-i", "inventory.yaml");

        assertThat(validate.code()).as(validate.err()).isZero();
        assertThat(validate.out()).contains("is valid");
    }

    @Test
    void lockTimeoutIsADurationOnApplyAndDestroy() {
        for (String command : new String[] {"apply", "destroy"}) {
            assertThat(run(command, "--help").out()).as(command).contains("--lock-timeout=DURATION", "Default: 0");
            Outcome bad = run(command, "-i", "inventory.yaml", "--lock-timeout", "5 minutes", "--auto-approve");
            assertThat(bad.code()).as("%s: a bad duration is a usage error, nothing contacted:\n%s", command, bad.err())
                    .isEqualTo(ExitCodes.INVALID);
            assertThat(bad.err()).as(command).contains("--lock-timeout", "\"5 minutes\" is not a duration", "e.g. 30s, 5m");
        }
        assertThat(run("force-unlock", "--help").out()).as("force-unlock names a container's lock or a host's")
                .contains("containers.NAME", "hosts.NAME");
    }

    @Test
    void unknownOptionsAreUsageErrorsWithExitThree() {
        Outcome bad = run("plan", "--detailed-exitcodes");

        assertThat(bad.code()).isEqualTo(ExitCodes.INVALID);
        assertThat(bad.err()).contains("Unknown option: '--detailed-exitcodes'", "--detailed-exitcode");
    }

    static Stream<Path> invalidInventories() throws IOException {
        return Files.list(Path.of("src/test/resources/invalid")).filter(p -> p.toString().endsWith(".yaml")).sorted();
    }

    @ParameterizedTest
    @MethodSource("invalidInventories")
    void invalidInventoriesExitThreeWithPositionsAndNoStackTrace(Path inventory) throws IOException {
        for (String command : new String[] {"validate", "plan", "apply"}) {
            Outcome outcome = run(command, "-i", inventory.toString(), "--no-color");

            assertThat(outcome.code()).as("%s %s:\n%s", command, inventory, outcome.err()).isEqualTo(ExitCodes.INVALID);
            String firstExpected = Files.readAllLines(inventory.resolveSibling(
                    inventory.getFileName().toString().replace(".yaml", ".expected"))).get(0);
            assertThat(outcome.err()).as("each problem as file:line:col").contains(firstExpected);
            assertThat(outcome.err()).as("no stack trace").doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void anUndefinedTemplateVariableIsAValidateErrorAtItsPosition(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.copy(Path.of("inventory.yaml"), dir.resolve("inventory.yaml"));
        Files.createDirectories(dir.resolve("schema"));
        for (String sql : new String[] {"schema/event_store.sql", "schema/projections.sql"}) {
            Files.copy(Path.of(sql), dir.resolve(sql));
        }
        Files.createDirectories(dir.resolve("templates"));
        Files.writeString(dir.resolve("templates/postgresql.conf.j2"), "port = {{ port }}\nfoo = {{ undefined_thing }}\n");

        Outcome outcome = run("validate", "-i", dir.resolve("inventory.yaml").toString(), "--no-color");

        assertThat(outcome.code()).isEqualTo(ExitCodes.INVALID);
        assertThat(outcome.err()).contains(dir.resolve("templates/postgresql.conf.j2") + ":2:7: template error: undefined variable undefined_thing");
    }

    @Test
    void aMissingInventoryIsExitThree() {
        Outcome missing = run("plan", "-i", "no-such-inventory.yaml");

        assertThat(missing.code()).isEqualTo(ExitCodes.INVALID);
        assertThat(missing.err()).contains("no-such-inventory.yaml", "not found");
    }
}
