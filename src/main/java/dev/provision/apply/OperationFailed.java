package dev.provision.apply;

/** A run-time failure already explained to the user (what failed, where, how to recover): exit 1. */
public class OperationFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OperationFailed(String message) {
        super(message);
    }

    public OperationFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
