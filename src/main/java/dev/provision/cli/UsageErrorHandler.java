package dev.provision.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Bad arguments: say what is wrong and how to get help, exit 3, contact nothing; with {@code --json},
 * standard output also carries the JSON document with the mistake as a problem.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        StringWriter suggestions = new StringWriter();
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, new PrintWriter(suggestions, true));
        String help = "run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage";
        cmd.getErr().println("error: " + ex.getMessage());
        cmd.getErr().print(suggestions);
        cmd.getErr().println("R" + help.substring(1) + ".");
        cmd.getErr().flush();
        String command = cmd.getCommandSpec().name();
        if (ArgumentErrorJson.wanted(command, args)) {
            String hint = suggestions.toString().strip().replaceAll("\\s*\\R\\s*", " ");
            hint = hint.isEmpty() ? help : hint + "; " + help;
            cmd.getOut().print(ArgumentErrorJson.document(command, args, ex.getMessage(), hint));
            cmd.getOut().flush();
        }
        return ExitCodes.INVALID;
    }
}
