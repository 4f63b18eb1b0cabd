package dev.provision.cli;

import picocli.CommandLine.Option;

/** Options of the commands that change hosts (apply, destroy): confirmation, JSON output, parallelism. */
final class ChangeOptions {

    @Option(names = "--auto-approve", description = "Go ahead without asking for confirmation (for CI).")
    boolean autoApprove;

    @Option(names = "--json", description = "Print the plan and what was done as JSON on standard output"
            + " (format: schema/plan.schema.json); needs --auto-approve (or, for apply, a PLANFILE).")
    boolean json;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "4",
            description = "How many containers to change at once (default: ${DEFAULT-VALUE}).")
    int parallelism;
}
