package dev.provision.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.provision.apply.ApplyListener;
import dev.provision.plan.PlannedChange;
import java.time.Duration;
import java.time.Instant;

/** Records, as apply runs, which changes were applied, how long each took, and which one failed. */
public final class ApplyRecord implements ApplyListener {
    private final Instant started = Instant.now();
    private final ArrayNode applied = JsonNodeFactory.instance.arrayNode();
    private PlannedChange running;
    private Instant runningSince;
    private ObjectNode failed;
    private boolean verified;
    private Duration total;

    @Override
    public synchronized void changeStarted(PlannedChange change) {
        running = change;
        runningSince = Instant.now();
    }

    @Override
    public synchronized void changeFinished(PlannedChange change, Duration elapsed) {
        applied.add(entry(change, elapsed));
        running = null;
    }

    /** The change that was running when apply stopped with {@code message}, if any. */
    public synchronized void failed(String message) {
        if (running != null) {
            failed = entry(running, Duration.between(runningSince, Instant.now()));
            failed.put("error", message);
            running = null;
        }
        finish();
    }

    /** Apply ran every change and a fresh read found nothing left to do. */
    public synchronized void verified() {
        verified = true;
        finish();
    }

    public synchronized int appliedCount() {
        return applied.size();
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
