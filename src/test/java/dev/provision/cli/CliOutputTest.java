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
