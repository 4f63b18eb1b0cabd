package dev.provision.cli;

import dev.provision.diag.ProvisionFailure;
import picocli.CommandLine;

/**
 * The one place where exceptions become exit codes and messages. A {@link ProvisionFailure} is expected
 * and prints its message only, with the exit status its error code gives ({@link ExitCodes#of}); anything
 * else is a bug and prints its stack trace with a request to report it.
 */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        if (ex instanceof ProvisionFailure) {
            cmd.getErr().println("error: " + ex.getMessage());
        } else {
            cmd.getErr().println("error: unexpected internal failure (please report it): " + ex);
            ex.printStackTrace(cmd.getErr());
        }
        return exitCode(ex);
    }

    static int exitCode(Throwable ex) {
        return ex instanceof ProvisionFailure failure ? ExitCodes.of(failure.code()) : ExitCodes.FAILURE;
    }
}
