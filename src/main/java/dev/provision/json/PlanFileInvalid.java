package dev.provision.json;

import dev.provision.diag.ErrorCode;
import dev.provision.diag.ProvisionFailure;

/** A plan file that cannot be read or does not fit this inventory; the message says what to do. */
public class PlanFileInvalid extends ProvisionFailure {
    private static final long serialVersionUID = 1L;

    public PlanFileInvalid(String message) {
        super(message);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.PLAN_FILE_INVALID;
    }
}
