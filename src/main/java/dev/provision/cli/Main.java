package dev.provision.cli;

import picocli.CommandLine;

/** Entry point: builds the command line, maps every outcome to an exit code, exits. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI as the {@code provision} launcher would and returns the exit code (for tests). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** Runs the CLI with its output captured, for tests that read what a user would see. */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Help laid out like a man page: usage, description, parameters, options, examples, each under a heading. */
    private static void manPageLayout(CommandLine cli) {
        CommandLine.Model.UsageMessageSpec usage = cli.getCommandSpec().usageMessage();
        usage.descriptionHeading("%nDescription:%n").parameterListHeading("%nParameters:%n")
                .optionListHeading("%nOptions:%n").commandListHeading("%nCommands:%n").width(100);
        cli.getSubcommands().values().forEach(Main::manPageLayout);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ProvisionCommand());
        cli.setParameterExceptionHandler(new UsageErrorHandler());
        cli.setExecutionExceptionHandler(new FailureHandler());
        cli.setExitCodeExceptionMapper(FailureHandler::exitCode);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        manPageLayout(cli);
        return cli;
    }
}
