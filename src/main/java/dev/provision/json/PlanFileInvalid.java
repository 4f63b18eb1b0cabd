package dev.provision.json;

/** A plan file that cannot be read or does not fit this inventory; the message says what to do. */
public class PlanFileInvalid extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PlanFileInvalid(String message) {
        super(message);
    }
}
