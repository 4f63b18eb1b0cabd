package dev.provision.plan;

import java.time.Duration;
import java.util.List;

/**
 * One operation that apply executes, exactly as the plan shows it.
 *
 * <p>Steps carry no secret values: a step that needs one names where it comes from, and the
 * applier resolves it at the last moment.
 */
public sealed interface Step {

    /** The host whose transport runs this step. */
    String host();

    /** A one-line description for the plan and logs, with secrets redacted. */
    String display();

    /** Runs a program on the host; the argument vector is passed unchanged, never through a shell. */
    record Run(String host, List<String> argv, Duration timeout, String display) implements Step {
        public Run {
            argv = List.copyOf(argv);
        }

        public static Run of(String host, Duration timeout, String... argv) {
            return new Run(host, List.of(argv), timeout, Shell.render(List.of(argv)));
        }
    }

    /** Writes a file on the host atomically with the given mode. */
    record Upload(String host, String path, String content, int mode) implements Step {
        @Override
        public String display() {
            return "write " + path + " (" + content.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                    + " bytes, mode " + Integer.toOctalString(mode) + ")";
        }
    }
}
