package dev.provision.cli;

import dev.provision.diag.Diagnostic;
import java.util.List;

/** The inventory has errors: exit 3, nothing contacted; carries every problem for the JSON document. */
final class InvalidInventory extends UserError {
    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> problems;

    InvalidInventory(List<Diagnostic> problems) {
        super("the inventory is invalid; fix the errors above and run again");
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, warnings included, in reading order. */
    List<Diagnostic> problems() {
        return problems;
    }
}
