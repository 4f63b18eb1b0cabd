package dev.provision.cli;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A writer on one of this process's own standard streams that knows whether that stream, and not
 * just any of them, is a terminal: {@code validate 2>err.txt} on a terminal writes plain text to the
 * file and may colour standard output.
 */
final class ConsoleStream extends PrintWriter {
    private final boolean terminal;

    private ConsoleStream(FileDescriptor descriptor, int number) {
        super(new OutputStreamWriter(new FileOutputStream(descriptor), Charset.defaultCharset()), true);
        this.terminal = isTerminal(number);
    }

    static ConsoleStream stdout() {
        return new ConsoleStream(FileDescriptor.out, 1);
    }

    static ConsoleStream stderr() {
        return new ConsoleStream(FileDescriptor.err, 2);
    }

    /** Whether {@code writer} is a standard stream of this process that a terminal shows. */
    static boolean isTerminal(PrintWriter writer) {
        return writer instanceof ConsoleStream console && console.terminal;
    }

    /** A descriptor is a terminal when it is open on a tty or a pseudo-terminal (Linux: /proc/self/fd). */
    private static boolean isTerminal(int descriptor) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd", Integer.toString(descriptor))).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
