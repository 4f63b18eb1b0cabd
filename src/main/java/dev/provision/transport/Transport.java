package dev.provision.transport;

import java.time.Duration;

/**
 * The only way the engine touches a host: run a command, upload a file, forward a port.
 *
 * <p>One transport is one connection to one host, reused for every operation and safe to use from
 * several threads (each operation opens its own channel). Commands are argument vectors, never
 * shell strings built from user input: the transport quotes each argument itself.
 */
public interface Transport extends AutoCloseable {

    /** A short name for messages, such as {@code root@10.0.3.1:22} or {@code local}. */
    String describe();

    /**
     * Runs a command and waits for it, at most {@code timeout}; a command still running then is killed.
     *
     * @param argv the program and its arguments, each passed to the program unchanged
     * @param stdin bytes written to the command's standard input, or {@code null} for none; never logged
     * @param timeout the longest wait, or {@code null} for the transport's default
     * @throws TransportException when the command could not be run or timed out; a non-zero exit
     *     status is not an exception but a {@link CommandResult}
     */
    CommandResult run(java.util.List<String> argv, byte[] stdin, Duration timeout);

    /**
     * Writes {@code content} to {@code path} atomically: readers see the old file or the new one,
     * never a partial one. The file gets the given octal mode (for example {@code 0600}).
     */
    void upload(byte[] content, String path, int mode);

    /** Forwards a loopback port on this machine to {@code remoteHost:remotePort} as seen from the host. */
    PortForward forward(String remoteHost, int remotePort);

    @Override
    void close();
}
