package dev.provision.diag;

/**
 * What kind of failure ended a command, carried by every {@link ProvisionFailure}; the command line
 * turns it into the exit status ({@code cli.ExitCodes#of}) and the JSON document names it.
 */
public enum ErrorCode {
    /** A mistake in what the user asked for, found before anything was contacted. */
    INVALID_INPUT(true),
    /** A saved plan that cannot be applied (another inventory, out of date, unreadable); nothing was changed. */
    PLAN_FILE_INVALID(false),
    /** The plan has hazards the user did not allow; they were not applied. */
    HAZARDS_REFUSED(false),
    /** Planning cannot produce a plan that is safe to show or apply. */
    PLANNING_FAILED(false),
    /** A step of apply failed on a host. */
    STEP_FAILED(false),
    /** An operation failed at run time and its message says how to recover. */
    OPERATION_FAILED(false),
    /** A host could not be reached, or a command on it could not be run. */
    TRANSPORT_FAILED(false),
    /** A secret the inventory refers to cannot be read. */
    SECRET_UNAVAILABLE(false),
    /** A statement failed in a server. */
    SQL_FAILED(false);

    private final boolean invalidInput;

    ErrorCode(boolean invalidInput) {
        this.invalidInput = invalidInput;
    }

    /** True when the failure is the user's input and nothing was contacted (exit 3); else a run-time failure (exit 1). */
    public boolean invalidInput() {
        return invalidInput;
    }
}
