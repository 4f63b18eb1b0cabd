package dev.provision.plan;

/**
 * Something a change could lose or disrupt. Apply refuses a change with a hazard unless the user
 * allowed its kind explicitly ({@code --allow KIND}).
 *
 * @param type one of the kinds users allow, such as {@link HazardKind#CONTAINER_REPLACE}
 */
public record Hazard(HazardKind type, String description) {

    public Hazard {
        java.util.Objects.requireNonNull(type, "type");
    }

    /**
     * A hazard of the kind named {@code kind}.
     *
     * @throws IllegalArgumentException when no {@link HazardKind} has that name (a plan file from elsewhere, a bug)
     */
    public Hazard(String kind, String description) {
        this(HazardKind.of(kind).orElseThrow(() -> new IllegalArgumentException("unknown hazard kind \"" + kind
                + "\"; known kinds: " + String.join(", ", HazardKind.ids()))), description);
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
