package dev.provision.transport;

/**
 * A local TCP port that forwards to a port reachable from the host; closing it stops the forward.
 */
public interface PortForward extends AutoCloseable {

    /** The loopback port on this machine that clients connect to. */
    int localPort();

    @Override
    void close();
}
