package dev.provision.transport;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShellQuoterTest {

    @Test
    void leavesPlainWordsBare() {
        assertThat(ShellQuoter.join(List.of("lxc-info", "-n", "event-store", "/var/lib/lxc/a.conf", "key=value")))
                .as("words without shell metacharacters read best unquoted")
                .isEqualTo("lxc-info -n event-store /var/lib/lxc/a.conf key=value");
    }

    @Test
    void quotesEverythingTheShellWouldInterpret() {
        assertThat(ShellQuoter.quote("two words")).isEqualTo("'two words'");
        assertThat(ShellQuoter.quote("a;rm -rf /")).isEqualTo("'a;rm -rf /'");
        assertThat(ShellQuoter.quote("$(reboot)")).isEqualTo("'$(reboot)'");
        assertThat(ShellQuoter.quote("`id`")).isEqualTo("'`id`'");
        assertThat(ShellQuoter.quote("line1\nline2")).isEqualTo("'line1\nline2'");
        assertThat(ShellQuoter.quote("*")).as("globs must not expand").isEqualTo("'*'");
        assertThat(ShellQuoter.quote("~root")).as("tilde must not expand").isEqualTo("'~root'");
        assertThat(ShellQuoter.quote("back\\slash")).isEqualTo("'back\\slash'");
    }

    @Test
    void writesSingleQuotesOutsideTheQuotedParts() {
        assertThat(ShellQuoter.quote("it's")).isEqualTo("'it'\"'\"'s'");
        assertThat(ShellQuoter.quote("'")).isEqualTo("''\"'\"''");
    }

    @Test
    void keepsTheEmptyArgument() {
        assertThat(ShellQuoter.quote("")).as("an empty argument must survive as an argument").isEqualTo("''");
    }

    @Test
    void refusesWhatNoProgramCanReceive() {
        assertThatThrownBy(() -> ShellQuoter.quote("a\0b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShellQuoter.join(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    /** The real check: a shell splits the quoted line back into exactly the original arguments. */
    @Test
    void aRealShellGetsBackTheSameArguments() throws Exception {
        List<String> argv = List.of("it's", "two words", "a;b", "$(echo pwned)", "`id`", "line1\nline2",
                "", "*", "\"dq\"", "back\\slash", "tab\there", "ünïcödé", "$HOME", "a'b'c");
        String script = "for a in " + String.join(" ", argv.stream().map(ShellQuoter::quote).toList())
                + "; do printf '%s\\0' \"$a\"; done";
        Process process = new ProcessBuilder("sh", "-c", script).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor()).isZero();
        String[] received = new String(output, java.nio.charset.StandardCharsets.UTF_8).split("\0", -1);
        assertThat(List.of(received).subList(0, received.length - 1))
                .as("sh must see each argument unchanged, nothing expanded or split")
                .containsExactlyElementsOf(argv);
    }
}
