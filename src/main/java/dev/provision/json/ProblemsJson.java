package dev.provision.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provision.diag.Diagnostic;
import java.util.List;

/**
 * Turns diagnostics into the {@code problems} array of {@code schema/plan.schema.json}: each with its
 * severity, file, line and column ({@code null} when unknown), message (what is wrong) and hint (what
 * to do), in the order people read them.
 */
final class ProblemsJson {
    private ProblemsJson() {}

    static ArrayNode toJson(List<Diagnostic> diagnostics) {
        ArrayNode problems = JsonNodeFactory.instance.arrayNode();
        diagnostics.forEach(d -> problems.add(problem(d)));
        return problems;
    }

    private static ObjectNode problem(Diagnostic d) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("severity", d.severity().name().toLowerCase());
        if (d.at().file() == null) {
            node.putNull("file");
        } else {
            node.put("file", d.at().file().toString());
        }
        if (d.at().line() > 0) {
            node.put("line", d.at().line());
            node.put("column", d.at().column());
        } else {
            node.putNull("line");
            node.putNull("column");
        }
        node.put("message", d.summary());
        if (d.remedy() == null || d.remedy().isBlank()) {
            node.putNull("hint");
        } else {
            node.put("hint", d.remedy());
        }
        return node;
    }
}
