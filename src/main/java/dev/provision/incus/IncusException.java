package dev.provision.incus;

import dev.provision.transport.TransportException;

/**
 * A failure talking to an Incus server: unreachable, certificate mismatch, not trusted, or an API
 * error. The message names the server and the request and says what to do.
 */
public class IncusException extends TransportException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public IncusException(String message) {
        this(message, 0, null);
    }

    public IncusException(String message, Throwable cause) {
        this(message, 0, cause);
    }

    public IncusException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status the API answered with (404 for a missing instance), or 0 when it did not answer. */
    public int status() {
        return status;
    }

    /** Whether the API said the thing asked for does not exist. */
    public boolean notFound() {
        return status == 404;
    }
}
