package dev.provision.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code provision generate-completion}: prints a bash and zsh completion script: picocli's, for the
 * commands, options and files, which also offers the hazard kinds after {@code --allow}; plus the
 * inventory's addresses after {@code --target} and its host names for {@code force-unlock}, read
 * when TAB is pressed with {@code provision addresses} (from the {@code -i} file on the line, if any).
 */
@Command(
        name = "generate-completion",
        mixinStandardHelpOptions = true,
        header = "Print a bash/zsh completion script for provision.",
        description = {
            "Prints a completion script for bash and zsh: commands, options, files, hazard kinds after --allow,"
                    + " the inventory's addresses after --target and its hosts after force-unlock.",
            "In zsh, run 'autoload -U +X compinit && compinit' first."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  source <(provision generate-completion)",
            "  provision generate-completion > /etc/bash_completion.d/provision"
        })
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(CompletionScript.of(AutoComplete.bash("provision", spec.root().commandLine())));
        out.flush();
        return ExitCodes.OK;
    }
}
