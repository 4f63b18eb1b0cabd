package dev.provision.apply.lock;

/**
 * What one of provision's locks on a host covers: the changes of one container, or, when {@code container}
 * is null, host-wide state (host preparation, bridges, bases). Two runs that change different containers of
 * one host hold different locks and run side by side.
 */
public record LockScope(String host, String container) implements Comparable<LockScope> {

    public static LockScope host(String host) {
        return new LockScope(host, null);
    }

    public static LockScope container(String host, String container) {
        return new LockScope(host, container);
    }

    public boolean hostWide() {
        return container == null;
    }

    /** The scope's name on the host ({@code host} or {@code container.NAME}), as the lock script knows it. */
    public String name() {
        return hostWide() ? "host" : "container." + container;
    }

    /** The scope of the lock the host's script calls {@code name}. */
    public static LockScope parse(String host, String name) {
        return name.startsWith("container.") ? container(host, name.substring("container.".length())) : host(host);
    }

    /** The resource address that {@code provision force-unlock} takes for this lock. */
    public String address() {
        return hostWide() ? "hosts." + host : "containers." + container;
    }

    /** For messages: "container app on host bed" or "host bed (host-wide changes)". */
    public String describe() {
        return hostWide() ? "host " + host + " (host-wide changes)" : "container " + container + " on host " + host;
    }

    @Override
    public int compareTo(LockScope other) {
        return name().compareTo(other.name());
    }
}
