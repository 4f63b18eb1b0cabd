package dev.provision.plan;

import dev.provision.diag.ErrorCode;
import dev.provision.diag.ProvisionFailure;

/**
 * Planning cannot produce a plan that is safe to show or apply: a protected resource would be
 * destroyed, a host lacks what it needs, reality is in a state the tool will not guess about. The
 * message says what, where and what to do.
 */
public class PlanningFailed extends ProvisionFailure {
    private static final long serialVersionUID = 1L;

    public PlanningFailed(String message) {
        super(message);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.PLANNING_FAILED;
    }
}
