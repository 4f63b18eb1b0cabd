package dev.provision.inventory;

import dev.provision.diag.Diagnostic;
import dev.provision.diag.Diagnostics;
import dev.provision.diag.SourceRange;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Collects the diagnostics of one inventory file, each once, and at most {@link #LIMIT} of them.
 *
 * <p>Aliases make one YAML node appear in several places, so the same mistake would otherwise be
 * reported once per alias; and a hostile file must not be able to produce millions of diagnostics.
 */
final class Problems {
    static final int LIMIT = 200;

    private final Path file;
    private final Set<Diagnostic> seen = new LinkedHashSet<>();
    private boolean truncated;

    Problems(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** The 1-based position where {@code node} starts. */
    SourceRange at(Node node) {
        return node == null ? SourceRange.none(file) : at(node.getStartMark());
    }

    SourceRange at(Mark mark) {
        return mark == null ? SourceRange.none(file) : new SourceRange(file, mark.getLine() + 1, mark.getColumn() + 1);
    }

    SourceRange wholeFile() {
        return SourceRange.none(file);
    }

    void error(Node node, String summary, String remedy) {
        add(Diagnostic.error(at(node), summary, remedy));
    }

    void error(SourceRange at, String summary, String remedy) {
        add(Diagnostic.error(at, summary, remedy));
    }

    void warning(Node node, String summary, String remedy) {
        add(Diagnostic.warning(at(node), summary, remedy));
    }

    /** How many errors were reported so far, so a parser can tell whether its part added any. */
    int errorCount() {
        return (int) seen.stream().filter(Diagnostic::isError).count();
    }

    boolean hasErrors() {
        return seen.stream().anyMatch(Diagnostic::isError);
    }

    Diagnostics diagnostics() {
        Diagnostics diagnostics = new Diagnostics();
        seen.forEach(diagnostics::add);
        if (truncated) {
            diagnostics.error(wholeFile(), "more than " + LIMIT + " problems; only the first " + LIMIT + " are shown",
                    "fix these and run validate again");
        }
        return diagnostics;
    }

    private void add(Diagnostic diagnostic) {
        if (seen.size() >= LIMIT && !seen.contains(diagnostic)) {
            truncated = true;
            return;
        }
        seen.add(diagnostic);
    }
}
