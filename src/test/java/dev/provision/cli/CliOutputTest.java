package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provision.plan.Mode;
import dev.provision.json.PlanSchema;
import dev.provision.json.SamplePlans;
import dev.provision.json.SavedPlanWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's JSON, plan-file and argument handling that needs no host: everything here stops before contacting one. */
class CliOutputTest {
    private static final Path FLEET = Path.of("examples", "fleet", "inventory.yaml");

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void withJsonAnInvalidInventoryStillPrintsOneValidDocumentAndNothingElseOnStandardOutput() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "hosts:\n  a:\n    transprot: local\n");

        Run plan = run("plan", "-i", broken.toString(), "--json");

        assertThat(plan.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(PlanSchema.problems(plan.out())).as("stdout is one schema-valid document:\n%s", plan.out()).isEmpty();
        JsonNode doc = PlanSchema.parse(plan.out());
        assertThat(doc.path("outcome").asText()).isEqualTo("invalid");
        assertThat(doc.at("/error/exit_code").asInt()).isEqualTo(3);
        assertThat(plan.err()).as("diagnostics go to stderr").contains("unknown key \"transprot\"");
    }

    @Test
    void planJsonOfAnInvalidInventoryListsEveryProblemWithItsPosition() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "hosts:\n  a:\n    transprot: local\n");

        JsonNode doc = PlanSchema.parse(run("plan", "-i", broken.toString(), "--json").out());

        JsonNode problem = doc.at("/problems/0");
        assertThat(doc.path("problems").size()).as("the misspelt key, and the address it therefore lacks").isEqualTo(2);
        assertThat(problem.path("file").asText()).as("the file as given with -i").isEqualTo(broken.toString());
        assertThat(problem.path("line").asInt()).as("transprot is on line 3").isEqualTo(3);
        assertThat(problem.path("column").asInt()).as("indented by 4").isEqualTo(5);
        assertThat(problem.path("severity").asText()).isEqualTo("error");
        assertThat(problem.path("message").asText()).as("what is wrong, without the remedy").contains("unknown key \"transprot\"")
                .doesNotContain(";");
        assertThat(problem.path("hint").asText()).as("the did-you-mean is the hint").contains("transport");
    }

    @Test
    void validateJsonOfAnInvalidInventoryIsASchemaValidDocumentWithEveryProblem() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.yaml"),
                "hosts:\n  a:\n    transprot: local\ncontainers:\n  db:\n    host: b\n");

        Run validate = run("validate", "-i", broken.toString(), "--json");

        assertThat(validate.exitCode()).as("an invalid inventory exits 3 with --json too").isEqualTo(ExitCodes.INVALID);
        assertThat(PlanSchema.problems(validate.out())).as("stdout is one schema-valid document:\n%s", validate.out()).isEmpty();
        JsonNode doc = PlanSchema.parse(validate.out());
        assertThat(doc.path("command").asText()).isEqualTo("validate");
        assertThat(doc.path("outcome").asText()).isEqualTo("invalid");
        assertThat(doc.at("/error/exit_code").asInt()).isEqualTo(3);
        assertThat(doc.has("plan")).as("validate makes no plan").isFalse();
        assertThat(doc.path("problems").size()).as("every problem at once, as the text lists them:\n%s", validate.err())
                .isGreaterThanOrEqualTo(2)
                .isEqualTo((int) validate.err().lines().filter(line -> line.startsWith(broken.toString() + ":")).count());
        assertThat(doc.path("problems").findValuesAsText("message")).as("the unknown key and the dangling host")
                .anySatisfy(m -> assertThat(m).contains("transprot"))
                .anySatisfy(m -> assertThat(m).contains("\"b\""));
        assertThat(validate.err()).as("people still read the problems on stderr").contains("unknown key \"transprot\"");
    }

    @Test
    void validateJsonOfAValidInventorySaysValidAndKeepsStdoutForTheDocument() {
        Run validate = run("validate", "-i", FLEET.toString(), "--json");

        assertThat(validate.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(PlanSchema.problems(validate.out())).as("stdout is one schema-valid document:\n%s", validate.out()).isEmpty();
        JsonNode doc = PlanSchema.parse(validate.out());
        assertThat(doc.path("outcome").asText()).isEqualTo("valid");
        assertThat(doc.path("error").isNull()).as("no error for a valid inventory").isTrue();
        assertThat(doc.path("problems").findValuesAsText("severity")).as("a valid inventory has no errors, at most warnings")
                .doesNotContain("error");
        assertThat(doc.at("/inventory/sha256").asText()).as("the digest of the file checked").hasSize(64);
        assertThat(validate.err()).as("the sentence for people moves to stderr").contains("is valid");
    }

    @Test
    void anArgumentErrorWithJsonPrintsTheDocumentWithTheMistakeAndTheHint() {
        Run plan = run("plan", "-i", FLEET.toString(), "--json", "--detailed-exit-code");

        assertThat(plan.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(PlanSchema.problems(plan.out())).as("stdout is one schema-valid document:\n%s", plan.out()).isEmpty();
        JsonNode doc = PlanSchema.parse(plan.out());
        assertThat(doc.path("command").asText()).isEqualTo("plan");
        assertThat(doc.path("outcome").asText()).isEqualTo("invalid");
        assertThat(doc.at("/inventory/path").asText()).as("the -i given").isEqualTo(FLEET.toString());
        JsonNode problem = doc.at("/problems/0");
        assertThat(problem.path("file").isNull()).as("an argument has no file").isTrue();
        assertThat(problem.path("line").isNull()).isTrue();
        assertThat(problem.path("message").asText()).contains("--detailed-exit-code");
        assertThat(problem.path("hint").asText()).as("the suggestion and where help is")
                .contains("--detailed-exitcode").contains("provision plan --help");
        assertThat(plan.err()).as("the text for people is unchanged").contains("error: Unknown option");
    }

    @Test
    void anArgumentErrorOfValidateWithJsonIsAValidateDocument() {
        Run validate = run("validate", "--json", "--inventroy", "x.yaml");

        assertThat(validate.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(PlanSchema.problems(validate.out())).as("stdout is one schema-valid document:\n%s", validate.out()).isEmpty();
        assertThat(PlanSchema.parse(validate.out()).path("command").asText()).isEqualTo("validate");
    }

    @Test
    void anArgumentErrorWithoutJsonLeavesStdoutEmpty() {
        Run plan = run("plan", "--detailed-exit-code");

        assertThat(plan.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(plan.out()).as("scripts that did not ask for JSON get none").isEmpty();
        assertThat(plan.err()).contains("Run 'provision plan --help' for usage.");
    }

    @Test
    void markdownAndJsonCannotBothHaveStandardOutput() {
        Run plan = run("plan", "-i", FLEET.toString(), "--json", "--format", "markdown");

        assertThat(plan.exitCode()).as("a contradiction in the arguments exits 3 before any host is contacted")
                .isEqualTo(ExitCodes.INVALID);
        assertThat(plan.err()).contains("choose one");
    }

    @Test
    void anUnknownFormatNamesTheKnownOnes() {
        Run plan = run("plan", "-i", FLEET.toString(), "--format", "html");

        assertThat(plan.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(plan.err().toLowerCase()).as("the choices are listed").contains("text", "markdown");
    }

    @Test
    void applyWithJsonNeedsAutoApproveOrAPlanFile() {
        Run apply = run("apply", "-i", FLEET.toString(), "--json");

        assertThat(apply.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(apply.err()).contains("add --auto-approve");
        assertThat(apply.out()).isEmpty();
    }

    @Test
    void aPlanFileMadeFromAnotherInventoryIsRefusedBeforeAnyHostIsContacted() {
        Path planFile = dir.resolve("fleet.plan");
        SavedPlanWriter.write(planFile, FLEET, "f".repeat(64), Mode.APPLY, List.of(), SamplePlans.everyKind());

        Run apply = run("apply", "-i", FLEET.toString(), "--json", "--no-color", planFile.toString());

        assertThat(apply.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(apply.err()).contains("was made from a different inventory than " + FLEET, "nothing was changed",
                "run plan --out again");
        assertThat(PlanSchema.problems(apply.out())).isEmpty();
        assertThat(PlanSchema.parse(apply.out()).path("outcome").asText()).isEqualTo("refused");
    }

    @Test
    void aFileThatIsNotAPlanFileIsRefusedWithAValidDocument() throws IOException {
        Path notAPlan = Files.writeString(dir.resolve("notes.txt"), "hello");

        Run apply = run("apply", "-i", FLEET.toString(), "--json", notAPlan.toString());

        assertThat(apply.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(apply.err()).contains("the plan file " + notAPlan + " cannot be applied", "provision plan --out");
        assertThat(PlanSchema.problems(apply.out())).isEmpty();
        assertThat(PlanSchema.parse(apply.out()).path("outcome").asText()).isEqualTo("refused");
    }

    @Test
    void aPlanFileCannotBeCombinedWithTargets() {
        Run apply = run("apply", "-i", FLEET.toString(), "--target", "containers.orders", dir.resolve("x.plan").toString());

        assertThat(apply.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(apply.err()).contains("--target cannot be combined with a PLANFILE");
    }

    @Test
    void theFleetExampleIsAValidInventory() {
        Run validate = run("validate", "-i", FLEET.toString());

        assertThat(validate.exitCode()).as("%s", validate).isZero();
        assertThat(validate.out()).contains("is valid");
    }

    @Test
    void theCompletionScriptCompletesEverySubcommandForBashAndZsh() {
        Run completion = run("generate-completion");

        assertThat(completion.exitCode()).isZero();
        assertThat(completion.out()).contains("validate", "plan", "apply", "destroy", "force-unlock",
                "--auto-approve", "--json", "--out", "--log-file", "complete -F", "bashcompinit");
    }

    @Test
    void everyCommandsHelpHasADescriptionAndExamples() {
        List<String> missing = new ArrayList<>();
        for (String command : List.of("validate", "plan", "apply", "destroy", "force-unlock")) {
            Run help = run(command, "--help");
            if (help.exitCode() != 0 || !help.out().contains("Examples:") || !help.out().contains("Usage: provision " + command)) {
                missing.add(command + ":\n" + help.out());
            }
        }
        assertThat(missing).isEmpty();
        assertThat(run("--help").out()).contains("Commands:", "Exit codes:", "Examples:", "generate-completion");
    }
}
