package dev.provision.cli;

import java.io.File;
import java.io.IOException;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the man pages' AsciiDoc sources, one per command, from the same picocli model that prints
 * {@code --help}, so that they never drift apart; the build turns them into troff (asciidoctor). Run by
 * the build at package time with the directory to write to.
 */
public final class ManPages {
    private ManPages() {}

    public static void main(String[] args) throws IOException {
        File directory = new File(args[0]);
        if (!directory.isDirectory() && !directory.mkdirs()) {
            throw new IOException("cannot create " + directory);
        }
        int status = ManPageGenerator.generateManPage(directory, null, new boolean[0], true,
                Main.commandLine().getCommandSpec());
        if (status != 0) {
            throw new IOException("the man page generator ended with status " + status);
        }
    }
}
