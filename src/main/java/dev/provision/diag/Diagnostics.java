package dev.provision.diag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * An accumulator of diagnostics, so that every stage reports all the problems it finds at once.
 *
 * <p>Not thread-safe; each stage owns its own and merges it into its caller's.
 */
public final class Diagnostics {
    private final List<Diagnostic> items = new ArrayList<>();

    public Diagnostics add(Diagnostic diagnostic) {
        items.add(diagnostic);
        return this;
    }

    public Diagnostics error(SourceRange at, String summary, String remedy) {
        return add(Diagnostic.error(at, summary, remedy));
    }

    public Diagnostics warning(SourceRange at, String summary, String remedy) {
        return add(Diagnostic.warning(at, summary, remedy));
    }

    public Diagnostics addAll(Diagnostics other) {
        items.addAll(other.items);
        return this;
    }

    public boolean hasErrors() {
        return items.stream().anyMatch(Diagnostic::isError);
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    /** The diagnostics in file, line and column order; the order users read them in. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(items);
        copy.sort(Comparator.comparing((Diagnostic d) -> String.valueOf(d.at().file()))
                .thenComparingInt(d -> d.at().line())
                .thenComparingInt(d -> d.at().column()));
        return Collections.unmodifiableList(copy);
    }

    public List<Diagnostic> errors() {
        return sorted().stream().filter(Diagnostic::isError).toList();
    }
}
