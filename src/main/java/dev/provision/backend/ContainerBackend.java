package dev.provision.backend;

import dev.provision.connect.ContainerAccess;
import dev.provision.driver.ResourceDriver;
import dev.provision.inventory.Host;

/**
 * One kind of container host (classic LXC reached over SSH; an Incus server or cluster): the only code
 * that knows how its hosts and containers are read, planned and changed ({@link ResourceDriver}), and
 * how a command, a file or a TCP connection gets into one of its containers ({@link ContainerAccess}).
 * Everything above the container (the PostgreSQL server, roles, databases, schema) goes through these
 * two interfaces and never names a backend; {@code cli.Wiring} is the one place that lists backends.
 *
 * <p>Contract of the driver half: the backend plans the hosts it {@linkplain #serves serves} and their
 * containers (addresses {@code hosts.NAME} and {@code containers.NAME}), and nothing else; its probes
 * only read. A container it plans to create or start cannot be read inside until that change is
 * applied, which the kinds planned after it learn from the plan ({@code driver.Deferral}). A container
 * with PostgreSQL is made from a prepared base that holds what the {@link BaseContribution}s install
 * (keyed by distribution, release and PostgreSQL major); each clone finishes itself with
 * {@link BaseContribution#finishClone}, so it has its own cluster identity and secrets. Records
 * provision keeps on a host go under {@code host.HostPaths}.
 */
public interface ContainerBackend extends ResourceDriver, ContainerAccess {

    /** Whether the containers of {@code host} are this backend's. */
    boolean serves(Host host);
}
