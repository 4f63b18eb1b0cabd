package dev.provision.apply;

/**
 * A step of apply failed. The message names the resource, the step, the host and what the command
 * said; the changes before it were applied and the next apply starts from there.
 */
public class StepFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StepFailed(String message) {
        super(message);
    }

    public StepFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
