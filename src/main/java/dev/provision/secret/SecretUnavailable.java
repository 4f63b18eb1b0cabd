package dev.provision.secret;

import dev.provision.diag.ErrorCode;
import dev.provision.diag.ProvisionFailure;

/** A referenced secret cannot be read; the message names the reference and what to do, never a value. */
public class SecretUnavailable extends ProvisionFailure {
    private static final long serialVersionUID = 1L;

    public SecretUnavailable(String message) {
        super(message);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.SECRET_UNAVAILABLE;
    }
}
