package dev.provision.resource;

import dev.provision.plan.Targets;
import dev.provision.inventory.Container;

/**
 * Further reads a server's probe makes in the psql session it opens anyway: the database driver's
 * (its roles, databases and their catalogs), so that a plan reads each server in one round trip and
 * one session. Whoever supplies them finds their output in the probe's, from its first {@code @@} line.
 */
@FunctionalInterface
public interface ServerReads {
    ServerReads NONE = (container, targets) -> "";

    /** A psql script (see {@link dev.provision.postgres.PsqlReads}); empty for none. */
    String script(Container container, Targets targets);
}
