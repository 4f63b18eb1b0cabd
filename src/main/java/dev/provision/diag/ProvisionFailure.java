package dev.provision.diag;

/**
 * The base of every failure provision explains to the user: its message says what failed, where and
 * how to recover, and its {@link ErrorCode} decides the exit status. Any other exception is a bug.
 */
public abstract class ProvisionFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected ProvisionFailure(String message) {
        super(message);
    }

    protected ProvisionFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** What kind of failure this is. */
    public abstract ErrorCode code();
}
