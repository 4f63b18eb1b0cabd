package dev.provision.apply;

import dev.provision.diag.ErrorCode;
import dev.provision.diag.ProvisionFailure;

/**
 * A step of apply failed. The message names the resource, the step, the host and what the command
 * said; the changes before it were applied and the next apply starts from there.
 */
public class StepFailed extends ProvisionFailure {
    private static final long serialVersionUID = 1L;

    public StepFailed(String message) {
        super(message);
    }

    public StepFailed(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.STEP_FAILED;
    }
}
