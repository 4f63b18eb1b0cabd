package dev.provision.cli;

import dev.provision.plan.Action;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Cause;
import dev.provision.plan.Hazard;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.Step;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Help.Ansi;

/**
 * Prints a plan the way Terraform users read one: one block per resource with its symbol
 * ({@code + ~ -/+ -}), the reason, drift marked, each attribute before and after, hazards in red,
 * optionally the exact commands and SQL, and a summary line. Colour only where {@code ansi} allows.
 */
final class PlanPrinter {
    private final PrintWriter out;
    private final Ansi ansi;
    private final boolean showCommands;

    PlanPrinter(PrintWriter out, Ansi ansi, boolean showCommands) {
        this.out = out;
        this.ansi = ansi;
        this.showCommands = showCommands;
    }

    void print(Plan plan) {
        if (plan.hasChanges()) {
            out.println("provision will perform the following actions:");
            for (PlannedChange change : plan.changes()) {
                printChange(change);
            }
            out.println();
        }
        for (String unmanaged : plan.unmanaged()) {
            out.println(ansi.string("@|yellow Not checked:|@ " + DiagnosticPrinter.escape(unmanaged)));
        }
        if (!plan.foreign().isEmpty()) {
            out.println(ansi.string("@|faint Not created by provision, left alone (" + plan.foreign().size() + "):|@ "
                    + DiagnosticPrinter.escape(String.join(", ", plan.foreign().stream().map(f -> f.address().path()).toList()))));
        }
        out.println(ansi.string(plan.hasChanges() ? "@|bold " + summary(plan) + "|@" : summary(plan)));
        out.flush();
    }

    private void printChange(PlannedChange change) {
        String colour = colour(change.action());
        String drift = switch (change.cause()) {
            case DRIFT -> " @|yellow (drift)|@";
            case BOTH -> " @|yellow (inventory change and drift)|@";
            case INVENTORY -> "";
        };
        out.println();
        out.println(ansi.string("  @|bold # " + change.address() + "|@ " + change.action().verb() + drift));
        out.println("    " + DiagnosticPrinter.escape(change.summary()));
        out.println("  " + paint(colour, change.action().symbol()) + " " + change.address());
        for (AttributeChange attribute : change.attributes()) {
            out.println("      " + attribute(attribute));
        }
        boolean sql = change.attributes().isEmpty() && change.steps().stream().anyMatch(Step.Sql.class::isInstance);
        List<Hazard> beside = sql || showCommands ? besideStatements(change) : List.of();
        if (sql && !showCommands) {
            for (Step step : change.steps()) {
                if (step instanceof Step.Sql statements) {
                    printSql(statements, false, beside);
                }
            }
        }
        for (Hazard hazard : change.hazards()) {
            if (!beside.contains(hazard)) {
                out.println("      " + hazard(hazard));
            }
        }
        if (showCommands) {
            for (Step step : change.steps()) {
                String where = ansi.string("      @|faint $ [" + DiagnosticPrinter.escape(step.host()) + "]|@ ");
                if (step instanceof Step.Sql statements) {
                    out.print(where);
                    printSql(statements, true, beside);
                } else {
                    out.println(where + step.display());
                }
            }
        }
    }

    /** The change's hazards that name a statement of its SQL steps: they print under that statement. */
    private static List<Hazard> besideStatements(PlannedChange change) {
        java.util.Set<String> statements = new java.util.HashSet<>();
        change.steps().stream().filter(Step.Sql.class::isInstance).forEach(s -> statements.addAll(((Step.Sql) s).changes()));
        return change.hazards().stream().filter(h -> h.statement() != null && statements.contains(h.statement())).toList();
    }

    private String hazard(Hazard hazard) {
        return ansi.string("@|red,bold ! hazard:|@ @|red " + DiagnosticPrinter.escape(hazard.description())
                + "|@ (allow it with --allow " + DiagnosticPrinter.escape(hazard.kind()) + ")");
    }

    /**
     * The statements of a SQL step that change the database, each indented and followed by the hazards
     * that concern it, and provision's records as one line.
     */
    private void printSql(Step.Sql sql, boolean full, List<Hazard> hazards) {
        List<String> lines = SqlPreview.lines(sql, full, statement -> hazards.stream()
                .filter(h -> h.statement().equals(statement)).map(this::hazard).toList());
        out.println(full ? lines.get(0) : "      " + ansi.string("@|faint " + DiagnosticPrinter.escape(lines.get(0)) + "|@"));
        for (String line : lines.subList(1, lines.size())) {
            out.println(line.startsWith("-- ") ? "        " + ansi.string("@|faint " + DiagnosticPrinter.escape(line) + "|@")
                    : "        " + line);
        }
    }

    /** One attribute: {@code + name: "new"}, {@code - name: "old"} or {@code ~ name: "old" -> "new"}. */
    private String attribute(AttributeChange attribute) {
        String name = DiagnosticPrinter.escape(attribute.name());
        if (attribute.before() == null) {
            return paint("green", "+") + " " + name + ": " + show(attribute.after());
        }
        if (attribute.after() == null) {
            return paint("red", "-") + " " + name + ": " + show(attribute.before());
        }
        return paint("yellow", "~") + " " + name + ": " + show(attribute.before()) + " -> " + show(attribute.after());
    }

    private String paint(String colour, String text) {
        return ansi.string("@|" + colour + " " + text + "|@");
    }

    static String summary(Plan plan) {
        if (!plan.hasChanges()) {
            return plan.unmanaged().isEmpty()
                    ? "No changes. Reality matches the inventory."
                    : "No changes to the resources this version manages.";
        }
        return "Plan: " + (plan.count(Action.CREATE) + plan.count(Action.REPLACE)) + " to add, "
                + plan.count(Action.UPDATE) + " to change, "
                + (plan.count(Action.DELETE) + plan.count(Action.REPLACE)) + " to destroy"
                + (plan.hasDeferred() ? ", " + plan.count(Action.READ) + " to plan once those are applied." : ".");
    }

    private String show(String value) {
        return value == null ? "(none)" : "\"" + DiagnosticPrinter.escape(value) + "\"";
    }

    private static String colour(Action action) {
        return switch (action) {
            case CREATE -> "green";
            case UPDATE -> "yellow";
            case REPLACE -> "magenta";
            case DELETE -> "red";
            case READ -> "cyan";
        };
    }
}
