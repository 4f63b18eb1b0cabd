package dev.provision.resource.lxc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.transport.ScriptResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fix-security-source.sh run by a real sh on a root filesystem laid out in a temporary directory. */
class SecuritySourceScriptTest {
    private static final String SCRIPT = ScriptResource.load(ContainerSteps.class, "fix-security-source.sh");

    @TempDir
    Path root;

    private int run() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", SCRIPT, "provision-security-source", root.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private String sources(String text) throws IOException, InterruptedException {
        Files.createDirectories(root.resolve("etc/apt"));
        Files.writeString(root.resolve("etc/apt/sources.list"), text);
        assertThat(run()).as("the script succeeds").isZero();
        return Files.readString(root.resolve("etc/apt/sources.list"));
    }

    @Test
    void aReleaseAfterBusterGetsItsSecuritySuite() throws Exception {
        assertThat(sources("deb http://deb.debian.org/debian forky main\n"
                + "deb http://security.debian.org/debian-security forky/updates main\n"))
                .as("what the template writes without a distro-info that knows the release is rewritten")
                .isEqualTo("deb http://deb.debian.org/debian forky main\n"
                        + "deb http://security.debian.org/debian-security forky-security main\n");
    }

    @Test
    void aCorrectSourceAndBustersOldLayoutAreLeftAlone() throws Exception {
        String bookworm = "deb http://deb.debian.org/debian bookworm main\n"
                + "deb http://security.debian.org/debian-security bookworm-security main\n";
        assertThat(sources(bookworm)).as("already right").isEqualTo(bookworm);
        String buster = "deb http://security.debian.org/debian-security buster/updates main\n";
        assertThat(sources(buster)).as("buster and earlier really use RELEASE/updates").isEqualTo(buster);
    }

    @Test
    void aSymbolicLinkIsNotWrittenThrough() throws Exception {
        Files.createDirectories(root.resolve("etc/apt"));
        Path target = Files.writeString(root.resolve("elsewhere"), "deb http://x sid/updates main\n");
        Files.createSymbolicLink(root.resolve("etc/apt/sources.list"), target);

        assertThat(run()).as("refused").isNotZero();
        assertThat(Files.readString(target)).as("the link's target is untouched").isEqualTo("deb http://x sid/updates main\n");
    }
}
