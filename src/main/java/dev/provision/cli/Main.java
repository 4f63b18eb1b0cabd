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

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ProvisionCommand());
        cli.setParameterExceptionHandler(new UsageErrorHandler());
        cli.setExecutionExceptionHandler(new FailureHandler());
        cli.setExitCodeExceptionMapper(FailureHandler::exitCode);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }
}
