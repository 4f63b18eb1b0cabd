package dev.provision.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the provision CLI in this JVM against one inventory file, as a user would, and keeps what it printed. */
final class Cli {
    private final Path inventory;

    Cli(Path inventory) {
        this.inventory = inventory;
    }

    /** What one command did: its exit code and its output. */
    record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Plans with {@code options} and asserts the plan is empty (exit 0 with --detailed-exitcode); returns the run. */
    Run assertConverged(String... options) {
        List<String> all = new ArrayList<>(List.of("--detailed-exitcode"));
        all.addAll(List.of(options));
        Run plan = run("plan", all.toArray(String[]::new));
        assertThat(plan.exitCode()).as("the next plan is empty:\n%s", plan).isZero();
        return plan;
    }

    Run run(String command, String... options) {
        List<String> args = new ArrayList<>(List.of(command, "-i", inventory.toString(), "--no-color"));
        args.addAll(List.of(options));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }
}
