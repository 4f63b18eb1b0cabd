package dev.provision.inventory;

import dev.provision.diag.SourceRange;

/**
 * Where a secret lives: an environment variable or a file. The inventory never holds the value.
 *
 * @param generate for a file reference: when the file is missing, create it with a random value,
 *     readable by its owner only
 */
public record SecretRef(SourceRange at, Kind kind, String name, boolean generate) {

    public enum Kind { ENV, FILE }

    /** Describes the reference, never the value: {@code env:NAME} or {@code file:/path}. */
    @Override
    public String toString() {
        return (kind == Kind.ENV ? "env:" : "file:") + name;
    }
}
