package dev.provision.cli;

/** A mistake in what the user asked for, found before anything was contacted: exit 3. */
public class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }
}
