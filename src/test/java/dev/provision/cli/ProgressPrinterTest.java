package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.json.SamplePlans;
import dev.provision.plan.PlannedChange;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Help.Ansi;

class ProgressPrinterTest {
    private static final PlannedChange CHANGE = SamplePlans.everyKind().changes().get(0);

    private static String runOneSlowStep(boolean terminal) throws InterruptedException {
        StringWriter text = new StringWriter();
        try (ProgressPrinter progress = new ProgressPrinter(new PrintWriter(text), Ansi.OFF, terminal, 1, 200)) {
            progress.changeStarted(CHANGE);
            progress.stepStarted(CHANGE, CHANGE.steps().get(0));
            Thread.sleep(2300);
            progress.changeFinished(CHANGE, Duration.ofMillis(2300));
        }
        return text.toString();
    }

    @Test
    void onATerminalTheRunningStepTicksOnOneLineThatIsClearedWhenTheChangeEnds() throws InterruptedException {
        String output = runOneSlowStep(true);

        assertThat(output).contains("containers.app: create...\n", "\r\u001b[Kcontainers.app: done in 2.3s\n")
                .containsPattern("\r\u001b\\[K  containers\\.app: lxc-create -n app -t debian \\[[12]s elapsed\\]");
    }

    @Test
    void elsewhereThereAreOnlyWholeLinesAndNoCursorMovement() throws InterruptedException {
        String output = runOneSlowStep(false);

        assertThat(output).contains("containers.app: done in 2.3s\n").doesNotContain("\r", "\u001b")
                .containsPattern("containers\\.app: still running lxc-create -n app -t debian \\[[12]s elapsed\\]\n");
    }

    @Test
    void changesRunningInParallelShareTheTickingLine() throws InterruptedException {
        PlannedChange other = dev.provision.json.SamplePlans.everyKind().changes().get(2);
        StringWriter text = new StringWriter();
        try (ProgressPrinter progress = new ProgressPrinter(new PrintWriter(text), Ansi.OFF, true, 1, 200)) {
            progress.changeStarted(CHANGE);
            progress.stepStarted(CHANGE, CHANGE.steps().get(0));
            progress.changeStarted(other);
            progress.stepStarted(other, other.steps().get(0));
            Thread.sleep(1300);
            progress.changeFinished(other, Duration.ofMillis(1300));
            progress.changeFinished(CHANGE, Duration.ofMillis(1300));
        }

        assertThat(text.toString())
                .containsPattern("containers\\.app: lxc-create -n app -t debian \\[\\ds elapsed\\];"
                        + " containers\\.old: lxc-destroy -n old \\[\\ds elapsed\\]")
                .contains("containers.old: done in 1.3s\n", "containers.app: done in 1.3s\n");
    }

    @Test
    void inAnEightyColumnTerminalTheTickingLineNeverWrapsAndChangesAreCountedKOfN() throws InterruptedException {
        PlannedChange other = dev.provision.json.SamplePlans.everyKind().changes().get(2);
        StringWriter text = new StringWriter();
        try (ProgressPrinter progress = new ProgressPrinter(new PrintWriter(text), Ansi.OFF, true, 1, 80)) {
            progress.expect(2);
            progress.changeStarted(CHANGE);
            progress.stepStarted(CHANGE, CHANGE.steps().get(0));
            progress.changeStarted(other);
            progress.stepStarted(other, other.steps().get(0));
            Thread.sleep(1300);
            progress.changeFinished(other, Duration.ofMillis(1300));
            progress.changeFinished(CHANGE, Duration.ofMillis(1300));
        }

        String output = text.toString();
        assertThat(output).contains("[1/2] containers.app: create...\n", "[2/2] containers.old: replace...\n");
        for (String segment : output.split("\r\u001b\\[K|\n")) {
            assertThat(segment.length()).as("no line of the progress wraps at 80 columns: %s", segment).isLessThan(80);
        }
        assertThat(output).as("the ticking line is cut, not dropped").contains("elapsed]; containers.old").contains("...");
    }
}
