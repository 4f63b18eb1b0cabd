package dev.provision.apply;

import dev.provision.diag.ErrorCode;

/** Apply refused a plan with hazards the user did not allow; nothing was changed: exit 1. */
public final class HazardsRefused extends OperationFailed {
    private static final long serialVersionUID = 1L;

    public HazardsRefused(String message) {
        super(message);
    }

    @Override
    public ErrorCode code() {
        return ErrorCode.HAZARDS_REFUSED;
    }
}
