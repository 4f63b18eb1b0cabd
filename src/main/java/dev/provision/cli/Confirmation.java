package dev.provision.cli;

import dev.provision.apply.OperationFailed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Model.CommandSpec;

/** Asks the user to type "yes" before apply or destroy; anything else, or no input at all, is a no. */
final class Confirmation {
    /** One reader for the whole run: a second question must not lose what the first one buffered. */
    private static BufferedReader stdin;

    private final CommandSpec spec;

    Confirmation(CommandSpec spec) {
        this.spec = spec;
    }

    private static synchronized BufferedReader stdin() {
        if (stdin == null) {
            stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        return stdin;
    }

    boolean ask(String verb) {
        PrintWriter out = spec.commandLine().getOut();
        out.println();
        out.println("Do you want to " + verb + " these changes? Only 'yes' will be accepted"
                + " (use --auto-approve in scripts).");
        out.print("  Enter a value: ");
        out.flush();
        try {
            String answer = stdin().readLine();
            if (answer == null) {
                throw new UserError("no answer on standard input to the confirmation prompt;"
                        + " run with --auto-approve to " + verb + " without asking");
            }
            return answer.strip().equals("yes");
        } catch (IOException e) {
            throw new OperationFailed("could not read the confirmation answer: " + e.getMessage(), e);
        }
    }
}
