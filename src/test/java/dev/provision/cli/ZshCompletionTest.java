package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The completion script in a real interactive zsh, the way a zsh user loads it (compinit, bashcompinit,
 * source): a pseudo-terminal ({@code zsh/zpty}) types a partial command line and TAB, and the line zsh
 * shows afterwards is read back. zsh is a user's shell, not something provision installs; bin/test
 * installs it for this test.
 */
class ZshCompletionTest {
    @TempDir
    static Path dir;

    static Path script;

    @BeforeAll
    static void scriptAndLauncher() throws IOException {
        script = CompletionTest.writeScriptAndLauncher(dir);
    }

    /** The command line zsh shows after typing {@code typed} and TAB. */
    private static String afterTab(String typed) throws IOException, InterruptedException {
        Path driver = Files.writeString(dir.resolve("drive.zsh"), """
                zmodload zsh/zpty
                zpty z env PATH="$1:$PATH" TERM=dumb zsh -f -i
                zpty -w z 'unsetopt zle_bracketed_paste 2>/dev/null; PS1="> "; autoload -U +X compinit && compinit -u;'\\
                ' autoload -U +X bashcompinit && bashcompinit; source "'$2'"; echo READY'
                zpty -r z line '*READY*'
                zpty -w -n z "$3"$'\\t'
                sleep 3
                all=""
                while zpty -r -t z chunk; do all+=$chunk; done
                zpty -d z
                print -r -- "${all//$'\\r'/}"
                """);
        ProcessBuilder builder = new ProcessBuilder("zsh", "-f", driver.toString(), dir.resolve("bin").toString(),
                script.toString(), typed).redirectErrorStream(true);
        Process zsh = builder.start();
        String out = new String(zsh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(zsh.waitFor(60, TimeUnit.SECONDS)).as("zsh completes within a minute").isTrue();
        assertThat(zsh.exitValue()).as("the zsh driver ran (is zsh installed? bin/test installs it):\n%s", out).isZero();
        return out;
    }

    @Test
    void tabCompletesASubcommand() throws Exception {
        assertThat(afterTab("provision pl")).as("zsh completed the subcommand on the command line").contains("provision plan ");
    }

    @Test
    void tabCompletesAnOption() throws Exception {
        assertThat(afterTab("provision plan --detailed-e")).as("zsh completed the option")
                .contains("provision plan --detailed-exitcode ");
    }
}
