package dev.provision.transport;

import dev.provision.diag.ErrorCode;
import dev.provision.diag.ProvisionFailure;

/**
 * A failure to reach or talk to a host: connection refused, authentication failed, host key
 * mismatch, timeout. The message says which host, what failed and what to do.
 */
public class TransportException extends ProvisionFailure {
    private static final long serialVersionUID = 1L;

    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.TRANSPORT_FAILED;
    }
}
