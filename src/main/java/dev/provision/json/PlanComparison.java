package dev.provision.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compares a saved plan with a fresh one: equal when apply would run the same steps on the same resources. */
public final class PlanComparison {
    private PlanComparison() {}

    public static boolean same(Plan saved, Plan fresh) {
        return PlanJson.fingerprint(saved).equals(PlanJson.fingerprint(fresh));
    }

    /** One line per resource whose change differs, for the message that refuses a stale plan. */
    public static List<String> differences(Plan saved, Plan fresh) {
        Map<String, JsonNode> before = byAddress(saved);
        Map<String, JsonNode> now = byAddress(fresh);
        List<String> lines = new ArrayList<>();
        before.forEach((address, change) -> {
            JsonNode current = now.get(address);
            if (current == null) {
                lines.add(address + ": planned before, no longer needed");
            } else if (!current.equals(change)) {
                lines.add(address + ": the change is different now (" + current.path("summary").asText() + ")");
            }
        });
        now.keySet().stream().filter(a -> !before.containsKey(a))
                .forEach(address -> lines.add(address + ": a new change (" + now.get(address).path("summary").asText() + ")"));
        if (lines.isEmpty() && !saved.unmanaged().equals(fresh.unmanaged())) {
            lines.add("the resources this version does not manage differ");
        }
        if (lines.isEmpty()) {
            lines.add("the order of the changes differs");
        }
        return lines;
    }

    private static Map<String, JsonNode> byAddress(Plan plan) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        for (PlannedChange change : plan.changes()) {
            map.put(change.address().path() + " (" + PlanJson.name(change.action()) + ")", PlanJson.change(change, true, false));
        }
        return map;
    }
}
