package dev.provision.resource.database;

/** How a declared role's password compares with the server's stored SCRAM verifier, found at plan time. */
enum PasswordStatus {
    /** The secret matches the stored verifier: nothing to do. */
    MATCHES,
    /** The role has no password or another one: it will be set. */
    DIFFERS,
    /** The secret file does not exist yet and apply will generate it: the password will be set. */
    WILL_BE_GENERATED
}
