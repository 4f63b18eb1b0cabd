package dev.provision.transport.ssh;

import java.util.function.Supplier;

/**
 * Where the passphrase of an identity file comes from, read only when the key turns out to be encrypted.
 *
 * @param reference names the source in messages, such as {@code env:DEPLOY_KEY_PASSPHRASE}; never the value
 * @param value reads the passphrase; it may throw an unchecked exception whose message says what is missing
 */
public record KeyPassphrase(String reference, Supplier<char[]> value) {
}
