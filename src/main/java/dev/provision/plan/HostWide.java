package dev.provision.plan;

/**
 * A container's change that also changes state its host shares (a prepared base that other runs may
 * clone): the backend says so by running one of its steps under {@link #STEP_NAME} as {@code $0}, and
 * apply then holds the host's lock while that change runs, besides the container's.
 */
public final class HostWide {
    /** The name ({@code $0}) of a step that changes host-wide state. */
    public static final String STEP_NAME = "provision-prepare-base";

    private HostWide() {}

    /** Whether one of {@code change}'s steps changes host-wide state. */
    public static boolean changedBy(PlannedChange change) {
        return change.steps().stream().anyMatch(step -> step instanceof Step.Run run && run.argv().contains(STEP_NAME));
    }
}
