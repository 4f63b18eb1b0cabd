package dev.provision.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * The one rule that tells an inventory change from drift, for every kind of resource: compare the
 * desired state with the one provision recorded when it last applied the resource. Unchanged since
 * then, the difference is reality's (drift); changed, it is the inventory's, and also drift when an
 * attribute the inventory kept as applied differs in reality. Without a record (never applied by this
 * version of provision) the planner's own judgement stands.
 */
public final class CauseRule {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CauseRule() {}

    /**
     * @param guess the planner's cause, kept when there is no record
     * @param recorded the desired state recorded at the last apply (canonical JSON, or a fingerprint), or {@code null}
     * @param desired the desired state now, in the same form, or {@code null} when it cannot be said
     */
    public static Cause decide(Cause guess, Action action, String recorded, String desired, List<AttributeChange> attributes) {
        if (recorded == null || desired == null || action == Action.DELETE || action == Action.READ) {
            return guess;
        }
        if (sameDesiredState(recorded, desired)) {
            return Cause.DRIFT;
        }
        if (action == Action.CREATE) {
            return Cause.BOTH; // applied before and gone now, and declared differently since
        }
        return driftedBesides(recorded, attributes) ? Cause.BOTH : Cause.INVENTORY;
    }

    /**
     * True when the desired state is the one recorded. A top-level attribute the record lacks (written
     * by an earlier version of provision, or before a secret's digest could be made) is not compared.
     */
    private static boolean sameDesiredState(String recorded, String desired) {
        if (recorded.equals(desired)) {
            return true;
        }
        JsonNode applied = tree(recorded);
        JsonNode wanted = tree(desired);
        if (applied == null || wanted == null || !applied.isObject() || !wanted.isObject()) {
            return false;
        }
        com.fasterxml.jackson.databind.node.ObjectNode compared = ((com.fasterxml.jackson.databind.node.ObjectNode) wanted).deepCopy();
        compared.retain(iterable(applied.fieldNames()));
        return compared.equals(applied);
    }

    private static java.util.List<String> iterable(java.util.Iterator<String> names) {
        java.util.List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    private static JsonNode tree(String text) {
        try {
            return JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null; // a fingerprint, not a state
        }
    }

    /**
     * The rule for a resource recorded by a fingerprint of what provision last applied (a file's stamp):
     * without one the planner's guess stands; the same fingerprint desired again means reality moved
     * (drift); another one is the inventory's change, and both when reality also moved from the record.
     *
     * @param realityMoved the resource no longer holds what the fingerprint records
     */
    public static Cause decide(Cause guess, String recorded, String desired, boolean realityMoved) {
        if (recorded == null || desired == null) {
            return guess;
        }
        if (recorded.equals(desired)) {
            return Cause.DRIFT;
        }
        return realityMoved ? Cause.BOTH : Cause.INVENTORY;
    }

    /** The cause of one change made of parts with these causes ({@code null} for a part that does not change). */
    public static Cause together(Cause a, Cause b) {
        if (a == null || a == b) {
            return b;
        }
        return b == null ? a : Cause.BOTH;
    }

    /** True when some attribute was applied as the inventory still wants it, and reality has it otherwise. */
    private static boolean driftedBesides(String recorded, List<AttributeChange> attributes) {
        JsonNode applied;
        try {
            applied = JSON.readTree(recorded);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return false; // a fingerprint, not a state: nothing to compare attribute by attribute
        }
        if (applied == null || !applied.isObject()) {
            return false;
        }
        for (AttributeChange attribute : attributes) {
            JsonNode value = applied.get(attribute.name());
            if (value != null && value.isValueNode() && attribute.before() != null && attribute.after() != null
                    && value.asText().equals(attribute.after()) && !attribute.before().equals(attribute.after())) {
                return true;
            }
        }
        return false;
    }
}
