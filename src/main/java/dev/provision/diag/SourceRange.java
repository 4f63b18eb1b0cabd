package dev.provision.diag;

import java.nio.file.Path;

/**
 * A position in a source file, 1-based line and column, as users and editors count them.
 *
 * <p>{@link #none(Path)} is used for problems that concern a whole file (for example a missing one).
 */
public record SourceRange(Path file, int line, int column) {

    public static SourceRange none(Path file) {
        return new SourceRange(file, 0, 0);
    }

    /** Renders as {@code file:line:col}, or just {@code file} when the position is unknown. */
    @Override
    public String toString() {
        String name = file == null ? "<input>" : file.toString();
        return line <= 0 ? name : name + ":" + line + ":" + column;
    }
}
