package dev.provision.cli;

import dev.provision.plan.Action;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Cause;
import dev.provision.plan.Hazard;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.Step;
import java.io.PrintWriter;
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
        for (Hazard hazard : change.hazards()) {
            out.println(ansi.string("      @|red,bold ! hazard:|@ @|red " + DiagnosticPrinter.escape(hazard.description())
                    + "|@ (allow it with --allow " + DiagnosticPrinter.escape(hazard.kind()) + ")"));
        }
        if (showCommands) {
            for (Step step : change.steps()) {
                out.println(ansi.string("      @|faint $ [" + DiagnosticPrinter.escape(step.host()) + "]|@ ")
                        + step.display());
            }
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
