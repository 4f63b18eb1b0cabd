package dev.provision.apply;

import dev.provision.diag.ErrorCode;
import dev.provision.diag.ProvisionFailure;

/** A run-time failure already explained to the user (what failed, where, how to recover): exit 1. */
public class OperationFailed extends ProvisionFailure {
    private static final long serialVersionUID = 1L;

    public OperationFailed(String message) {
        super(message);
    }

    public OperationFailed(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.OPERATION_FAILED;
    }
}
