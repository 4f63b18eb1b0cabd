package dev.provision.plan;

/**
 * Something a change could lose or disrupt. Apply refuses a change with a hazard unless the user
 * allowed its kind explicitly ({@code --allow KIND}).
 *
 * @param type one of the kinds users allow, such as {@link HazardKind#CONTAINER_REPLACE}
 * @param statement the SQL statement of the change's steps this hazard concerns, exactly as the step
 *     holds it, so the plan can show it beside that statement; {@code null} when it concerns the whole change
 */
public record Hazard(HazardKind type, String description, String statement) {

    public Hazard {
        java.util.Objects.requireNonNull(type, "type");
    }

    /** A hazard of the whole change. */
    public Hazard(HazardKind type, String description) {
        this(type, description, null);
    }

    /**
     * A hazard of the kind named {@code kind}.
     *
     * @throws IllegalArgumentException when no {@link HazardKind} has that name (a plan file from elsewhere, a bug)
     */
    public Hazard(String kind, String description) {
        this(kind, description, null);
    }

    /**
     * A hazard of the kind named {@code kind} that concerns one statement ({@code null}: the whole change).
     *
     * @throws IllegalArgumentException when no {@link HazardKind} has that name
     */
    public Hazard(String kind, String description, String statement) {
        this(HazardKind.of(kind).orElseThrow(() -> new IllegalArgumentException("unknown hazard kind \"" + kind
                + "\"; known kinds: " + String.join(", ", HazardKind.ids()))), description, statement);
    }

    /** The stable name users allow, such as {@code container-replace}. */
    public String kind() {
        return type.id();
    }

    @Override
    public String toString() {
        return description + " [" + kind() + "]";
    }
}
