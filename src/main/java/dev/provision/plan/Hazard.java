package dev.provision.plan;

/**
 * Something a change could lose or disrupt. Apply refuses a change with a hazard unless the user
 * allowed its kind explicitly ({@code --allow KIND}).
 *
 * @param kind a stable name users allow, such as {@code container-replace}
 */
public record Hazard(String kind, String description) {

    @Override
    public String toString() {
        return description + " [" + kind + "]";
    }
}
