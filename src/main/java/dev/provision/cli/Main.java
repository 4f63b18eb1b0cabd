package dev.provision.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/** Entry point: builds the command line, maps every outcome to an exit code, exits. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        LibraryLogging.silence();
        CommandLine cli = commandLine(args);
        cli.setOut(ConsoleStream.stdout());
        cli.setErr(ConsoleStream.stderr());
        boolean colour = CommonOptions.colourAllowed(System.getenv()) && ConsoleStream.isTerminal(cli.getOut());
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(colour ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
        int code = cli.execute(args);
        cli.getOut().flush();
        cli.getErr().flush();
        System.exit(code);
    }

    /** Runs the CLI as the {@code provision} launcher would and returns the exit code (for tests). */
    public static int run(String... args) {
        return commandLine(args).execute(args);
    }

    /** Runs the CLI with its output captured, for tests that read what a user would see. */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = commandLine(args);
        cli.setOut(out);
        cli.setErr(err);
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * Help laid out like a man page: usage, description, parameters, options, examples, each under a
     * heading, wrapped to the terminal's width (80 columns when there is no terminal).
     */
    private static void manPageLayout(CommandLine cli) {
        CommandLine.Model.UsageMessageSpec usage = cli.getCommandSpec().usageMessage();
        usage.descriptionHeading("%nDescription:%n").parameterListHeading("%nParameters:%n")
                .optionListHeading("%nOptions:%n").commandListHeading("%nCommands:%n").autoWidth(true);
        cli.getSubcommands().values().forEach(Main::manPageLayout);
    }

    /** The subcommands, by name, in the order help lists them. */
    static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> all = new LinkedHashMap<>();
        all.put("validate", ValidateCommand::new);
        all.put("plan", PlanCommand::new);
        all.put("apply", ApplyCommand::new);
        all.put("destroy", DestroyCommand::new);
        all.put("force-unlock", ForceUnlockCommand::new);
        all.put("backup", BackupCommand::new);
        all.put("backups", BackupsCommand::new);
        all.put("restore", RestoreCommand::new);
        all.put("addresses", AddressesCommand::new);
        all.put("generate-completion", CompletionCommand::new);
        return Collections.unmodifiableMap(all);
    }

    /**
     * The command line for {@code args}: with only the subcommand they invoke when they start with one
     * (picocli reads every command's annotations by reflection, about 40 ms for the five that are not
     * used), with all of them otherwise (help, completion, a mistyped command).
     */
    static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new ProvisionCommand());
        String invoked = args.length > 0 && !args[0].equals("generate-completion") && SUBCOMMANDS.containsKey(args[0]) ? args[0] : null;
        SUBCOMMANDS.forEach((name, command) -> {
            if (invoked == null || invoked.equals(name)) {
                cli.addSubcommand(name, command.get());
            }
        });
        cli.setParameterExceptionHandler(new UsageErrorHandler());
        cli.setExecutionExceptionHandler(new FailureHandler());
        cli.setExitCodeExceptionMapper(FailureHandler::exitCode);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        manPageLayout(cli);
        return cli;
    }
}
