package dev.provision.diag;

import java.util.Objects;

/**
 * One user-facing problem: what is wrong, what to do about it, and where.
 *
 * <p>Rendered as {@code file:line:col: summary; remedy}, the shape compilers and editors understand.
 */
public record Diagnostic(Severity severity, SourceRange at, String summary, String remedy) {

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(summary, "summary");
    }

    public static Diagnostic error(SourceRange at, String summary, String remedy) {
        return new Diagnostic(Severity.ERROR, at, summary, remedy);
    }

    public static Diagnostic warning(SourceRange at, String summary, String remedy) {
        return new Diagnostic(Severity.WARNING, at, summary, remedy);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        String prefix = severity == Severity.WARNING ? "warning: " : "";
        String text = remedy == null || remedy.isBlank() ? summary : summary + "; " + remedy;
        return at + ": " + prefix + text;
    }
}
