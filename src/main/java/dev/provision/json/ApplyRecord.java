package dev.provision.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provision.apply.ApplyReport;
import dev.provision.plan.PlannedChange;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records, as apply runs (several containers at once, possibly), which changes were applied, how
 * long each took, and which one failed.
 */
public final class ApplyRecord implements ApplyReport {
    private final Instant started = Instant.now();
    private final ArrayNode applied = JsonNodeFactory.instance.arrayNode();
    private final Map<PlannedChange, Instant> running = new LinkedHashMap<>();
    private ObjectNode failed;
    private boolean verified;
    private Duration total;

    @Override
    public synchronized void changeStarted(PlannedChange change) {
        running.put(change, Instant.now());
    }

    @Override
    public synchronized void changeFinished(PlannedChange change, Duration elapsed) {
        applied.add(entry(change, elapsed));
        running.remove(change);
    }

    /**
     * Apply stopped with {@code message}: the change it names (or else the first still running) is
     * the one that failed.
     */
    public synchronized void failed(String message) {
        String text = message == null ? "" : message;
        PlannedChange culprit = running.keySet().stream()
                .filter(c -> text.startsWith(c.address().path() + ":"))
                .findFirst()
                .orElse(running.keySet().stream().findFirst().orElse(null));
        if (culprit != null) {
            failed = entry(culprit, Duration.between(running.get(culprit), Instant.now()));
            failed.put("error", text);
        }
        running.clear();
        finish();
    }

    /** Apply ran every change and a fresh read found nothing left to do. */
    public synchronized void verified() {
        verified = true;
        finish();
    }

    synchronized ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.set("applied", applied.deepCopy());
        node.set("failed", failed == null ? JsonNodeFactory.instance.nullNode() : failed.deepCopy());
        node.put("verified", verified);
        node.put("duration_ms", (total == null ? Duration.between(started, Instant.now()) : total).toMillis());
        return node;
    }

    private void finish() {
        total = Duration.between(started, Instant.now());
    }

    private static ObjectNode entry(PlannedChange change, Duration elapsed) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("address", change.address().path());
        node.put("action", PlanJson.name(change.action()));
        node.put("duration_ms", elapsed.toMillis());
        return node;
    }
}
