package dev.provision.cli;

import dev.provision.apply.OperationFailed;

import dev.provision.plan.PlanningFailed;
import dev.provision.json.PlanFileInvalid;
import dev.provision.secret.SecretUnavailable;
import dev.provision.transport.TransportException;
import picocli.CommandLine;

/**
 * The one place where exceptions become exit codes and messages. Failures at the I/O boundary are
 * expected and print their message only; anything else is a bug and prints its stack trace with a
 * request to report it.
 */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        if (ex instanceof UserError || ex instanceof TransportException || ex instanceof OperationFailed
                || ex instanceof PlanningFailed
                || ex instanceof PlanFileInvalid || ex instanceof SecretUnavailable) {
            cmd.getErr().println("error: " + ex.getMessage());
        } else {
            cmd.getErr().println("error: unexpected internal failure (please report it): " + ex);
            ex.printStackTrace(cmd.getErr());
        }
        return exitCode(ex);
    }

    static int exitCode(Throwable ex) {
        return ex instanceof UserError ? ExitCodes.INVALID : ExitCodes.FAILURE;
    }
}
