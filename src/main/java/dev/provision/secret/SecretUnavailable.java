package dev.provision.secret;

/** A referenced secret cannot be read; the message names the reference and what to do, never a value. */
public class SecretUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SecretUnavailable(String message) {
        super(message);
    }
}
