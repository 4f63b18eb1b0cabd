package dev.provision.cli;

import dev.provision.diag.ErrorCode;
import dev.provision.diag.ProvisionFailure;

/** A mistake in what the user asked for, found before anything was contacted: exit 3. */
public class UserError extends ProvisionFailure {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.INVALID_INPUT;
    }
}
