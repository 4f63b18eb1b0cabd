package dev.provision.transport;

/**
 * A failure to reach or talk to a host: connection refused, authentication failed, host key
 * mismatch, timeout. The message says which host, what failed and what to do.
 */
public class TransportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
