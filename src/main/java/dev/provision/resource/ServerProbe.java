package dev.provision.resource;

import dev.provision.inventory.Container;
import dev.provision.probe.Probe;

/**
 * The server kind's probe of a container's server, which also makes {@code reads} (a psql script, see
 * {@link ServerReads}) in its psql session: the database kind reads ahead through it, and the probe batch
 * runs it once for both kinds when both declare the same probe.
 */
@FunctionalInterface
public interface ServerProbe {
    /** A probe for kinds that read no server ahead: asking for it fails, and the reader falls back to admin sessions. */
    ServerProbe NONE = (container, reads) -> {
        throw new IllegalStateException("no server probe was given for containers." + container.name());
    };

    Probe of(Container container, String reads);
}
