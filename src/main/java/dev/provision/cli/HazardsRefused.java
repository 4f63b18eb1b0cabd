package dev.provision.cli;

/** Apply refused a plan with hazards the user did not allow; nothing was changed: exit 1. */
final class HazardsRefused extends OperationFailed {
    private static final long serialVersionUID = 1L;

    HazardsRefused(String message) {
        super(message);
    }
}
