package dev.provision.connect;

import dev.provision.plan.Step;
import dev.provision.transport.PortForward;
import dev.provision.transport.Transport;
import java.time.Duration;
import java.util.List;

/**
 * How a command, a file or a TCP connection gets into a container of one kind of host (the exec, upload
 * and forward half of {@code backend.ContainerBackend}). Containers are addressed by the inventory's host
 * and container names; the implementation finds the member or address itself.
 * <ul>
 *   <li><b>exec</b>: runs a command inside a running container as root, with its standard input and
 *       output passed through and its exit status returned; the argument vector is passed unchanged
 *       (no shell in between).</li>
 *   <li><b>upload</b>: writes a file inside a container whole (readers see the old file or the new
 *       one), with the given mode, owned by root.</li>
 *   <li><b>forward</b>: opens a loopback port on this machine that reaches a TCP port of a running
 *       container; closing it stops the forward.</li>
 * </ul>
 */
public interface ContainerAccess {

    /**
     * The step that runs {@code argv} inside {@code container} on {@code host}, at most {@code timeout},
     * shown in plans as {@code label} (prefixed with where it runs).
     */
    Step.Run exec(String host, String container, Duration timeout, String label, List<String> argv);

    /**
     * The command that, run through the host's connection, runs {@code argv} inside {@code container}:
     * for work that is not a plan step (the admin role's bootstrap, probes).
     */
    List<String> execArgv(String container, List<String> argv);

    /**
     * The step that writes {@code content} to {@code path} inside {@code container} whole, readable by
     * root only, shown as {@code label}.
     */
    Step.Run upload(String host, String container, String path, String content, String label);

    /**
     * Forwards a loopback port on this machine to {@code port} of {@code container}, through the host's
     * connection {@code transport}; {@code address} is the container's address as its host sees it.
     */
    PortForward forward(Transport transport, String container, String address, int port);
}
