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

/**
 * Prints a plan as GitHub-flavoured Markdown for a pull-request comment: the summary line and a table
 * of counts, the hazards first in a caution block, then the changes grouped by action (destroy,
 * replace, update, create, read), each in a collapsible section with its attributes and its SQL in
 * fenced blocks. Steps never hold secret values, and a password step shows only its reference.
 */
final class MarkdownPlanPrinter {
    /** The groups in the order reviewers should read them: what loses data first. */
    private static final List<Action> GROUPS = List.of(Action.DELETE, Action.REPLACE, Action.UPDATE, Action.CREATE, Action.READ);

    private final PrintWriter out;
    private final boolean showCommands;

    MarkdownPlanPrinter(PrintWriter out, boolean showCommands) {
        this.out = out;
        this.showCommands = showCommands;
    }

    void print(Plan plan, String inventory) {
        out.println("### provision plan");
        out.println();
        out.println("**" + PlanPrinter.summary(plan) + "**");
        if (plan.hasChanges()) {
            out.println();
            out.println("| | Action | Resources |");
            out.println("|:-:|---|--:|");
            for (Action action : GROUPS) {
                if (plan.count(action) > 0) {
                    out.println("| " + code(action.symbol()) + " | " + title(action) + " | " + plan.count(action) + " |");
                }
            }
            printHazards(plan);
            for (Action action : GROUPS) {
                List<PlannedChange> group = plan.changes().stream().filter(c -> c.action() == action).toList();
                if (!group.isEmpty()) {
                    out.println();
                    out.println("#### " + title(action) + " (" + group.size() + ")");
                    group.forEach(this::printChange);
                }
            }
        }
        if (!plan.unmanaged().isEmpty()) {
            out.println();
            out.println("#### Not checked");
            out.println();
            plan.unmanaged().forEach(note -> out.println("- " + MarkdownText.inline(note)));
        }
        if (!plan.foreign().isEmpty()) {
            out.println();
            out.println("<details><summary>Not created by provision, left alone (" + plan.foreign().size() + ")</summary>");
            out.println();
            plan.foreign().forEach(f -> out.println("- " + MarkdownText.code(f.address().path()) + " (" + f.kind() + ")"));
            out.println();
            out.println("</details>");
        }
        out.println();
        out.println("<sub>" + MarkdownText.html("provision plan -i " + inventory + " --format markdown")
                + (plan.hasChanges() ? "; apply runs the changes in dependency order, not in these groups" : "") + "</sub>");
        out.flush();
    }

    private void printHazards(Plan plan) {
        List<PlannedChange> hazardous = plan.changes().stream().filter(c -> !c.hazards().isEmpty()).toList();
        if (hazardous.isEmpty()) {
            return;
        }
        long count = hazardous.stream().mapToLong(c -> c.hazards().size()).sum();
        out.println();
        out.println("> [!CAUTION]");
        out.println("> **" + count + (count == 1 ? " hazard" : " hazards") + "**: apply refuses "
                + (count == 1 ? "this change" : "these changes") + " unless each kind is allowed with `--allow KIND`.");
        out.println(">");
        for (PlannedChange change : hazardous) {
            for (Hazard hazard : change.hazards()) {
                out.println("> - " + code(change.address().toString()) + " " + change.action().verb() + ": "
                        + MarkdownText.inline(hazard.description()) + " (" + code("--allow " + hazard.kind()) + ")");
            }
        }
    }

    private void printChange(PlannedChange change) {
        String drift = switch (change.cause()) {
            case DRIFT -> " (drift)";
            case BOTH -> " (inventory change and drift)";
            case INVENTORY -> "";
        };
        String hazard = change.hazards().isEmpty() ? "" : " ⚠️ hazard";
        out.println();
        out.println("<details><summary><code>" + MarkdownText.html(change.action().symbol() + " " + change.address())
                + "</code> " + MarkdownText.html(change.summary() + drift) + hazard + "</summary>");
        out.println();
        out.println(MarkdownText.inline(change.address() + " " + change.action().verb()) + (change.cause() == Cause.INVENTORY
                ? "." : change.cause() == Cause.DRIFT ? ": reality changed behind provision's back."
                : ": the inventory changed and reality moved too."));
        if (!change.attributes().isEmpty()) {
            out.println();
            out.println("| Attribute | Before | After |");
            out.println("|---|---|---|");
            for (AttributeChange attribute : change.attributes()) {
                out.println("| " + MarkdownText.cell(code(attribute.name())) + " | " + value(attribute.before()) + " | "
                        + value(attribute.after()) + " |");
            }
        }
        for (Hazard h : change.hazards()) {
            out.println();
            out.println("**Hazard** " + code(h.kind()) + ": " + MarkdownText.inline(h.description()) + "; allow it with "
                    + code("--allow " + h.kind()) + ".");
        }
        for (Step step : change.steps()) {
            if (step instanceof Step.Sql sql) {
                List<String> lines = SqlPreview.lines(sql, showCommands);
                out.println();
                out.println(MarkdownText.inline(lines.get(0)));
                out.println();
                out.print(MarkdownText.fenced("sql", String.join("\n", lines.subList(1, lines.size()))));
            }
        }
        if (showCommands) {
            List<String> commands = change.steps().stream().filter(s -> !(s instanceof Step.Sql))
                    .map(s -> "[" + s.host() + "] " + s.display()).toList();
            if (!commands.isEmpty()) {
                out.println();
                out.println("Commands:");
                out.println();
                out.print(MarkdownText.fenced("sh", String.join("\n", commands)));
            }
        }
        out.println();
        out.println("</details>");
    }

    private static String value(String value) {
        return value == null ? "*(none)*" : MarkdownText.cell(code(value));
    }

    private static String code(String text) {
        return MarkdownText.code(text);
    }

    private static String title(Action action) {
        return switch (action) {
            case DELETE -> "Destroy";
            case REPLACE -> "Replace";
            case UPDATE -> "Update in place";
            case CREATE -> "Create";
            case READ -> "Read and plan once the others are applied";
        };
    }
}
