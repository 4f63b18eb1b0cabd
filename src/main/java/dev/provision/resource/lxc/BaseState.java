package dev.provision.resource.lxc;

/**
 * What a host says about one base container.
 *
 * @param preparedAt when the base was made ready, as the host's date (ISO, UTC), or {@code null}
 * @param snapshots how many containers are overlay snapshots of it (its {@code lxc_snapshots} entries)
 */
public record BaseState(String name, Status status, String preparedAt, int snapshots) {
    public BaseState(String name, Status status, String preparedAt) {
        this(name, status, preparedAt, 0);
    }

    /** Where a base stands on a host. */
    public enum Status {
        /** Prepared by provision and sealed: containers can be cloned from it. */
        READY,
        /** An apply was interrupted while preparing it: what exists holds nothing and is discarded. */
        INCOMPLETE,
        /** Nothing of that name. */
        ABSENT,
        /** A container of that name that provision did not prepare: never used, never touched. */
        FOREIGN
    }

    public static BaseState absent(String name) {
        return new BaseState(name, Status.ABSENT, null);
    }
}
