package dev.provision.backend;

import dev.provision.inventory.Container;
import java.time.Duration;
import java.util.List;

/**
 * What a resource kind needs in the prepared base a container is cloned from (the PostgreSQL server
 * kind: its packages and the container's locales), as commands a backend runs inside the base while it
 * prepares it, and inside each clone as it first starts. The backend decides where and how they run;
 * the kind decides what they are.
 */
public interface BaseContribution {

    /** One command to run inside a container as root, at most {@code timeout}, shown as {@code label}. */
    record Command(String label, Duration timeout, List<String> argv) {
        public Command {
            argv = List.copyOf(argv);
        }
    }

    /** The commands that prepare a base for {@code container} (one with PostgreSQL), in order, before it is sealed. */
    List<Command> prepareBase(Container container);

    /**
     * The commands that finish a container cloned from the base as it first starts (a cluster of its
     * own: a new system identifier, its own TLS key), in order, inside the clone.
     */
    List<Command> finishClone(Container container);

    /** What {@link #prepareBase} installs, in a few words for the plan ("postgresql-15 and locales"). */
    String describe(Container container);
}
