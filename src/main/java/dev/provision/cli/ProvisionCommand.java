package dev.provision.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level command; it only dispatches to its subcommands ({@link Main#SUBCOMMANDS}). */
@Command(
        name = "provision",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Provisions PostgreSQL servers in LXC containers from one declarative inventory,",
            "over SSH: validate it, plan the changes, apply them."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  provision validate                       # offline check of ./inventory.yaml",
            "  provision plan                           # what would change",
            "  provision apply                          # show the plan, ask, apply",
            "  provision apply --auto-approve --json    # CI",
            "  source <(provision generate-completion)  # bash or zsh completion",
            "",
            "Run 'provision COMMAND --help' for a command's options and examples."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success, or no changes",
            "1:failure while reading, planning or applying; a refused plan file or hazard; a 'no' at the prompt",
            "2:the plan has changes (plan --detailed-exitcode)",
            "3:invalid inventory or arguments; nothing was contacted"
        })
final class ProvisionCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required: validate, plan, apply or destroy");
    }
}
