package dev.provision.resource.database;

import dev.provision.plan.PlanningFailed;
import dev.provision.inventory.Role;
import dev.provision.inventory.SecretRef;
import dev.provision.postgres.PostgresSession;
import dev.provision.secret.SecretResolver;
import dev.provision.secret.SecretUnavailable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares each declared password with the role's stored verifier on this side, so an unchanged
 * password is never set again. Planning never creates a secret: a missing file that apply will
 * generate simply means the password will be set.
 */
final class PasswordChecker {
    private final SecretResolver secrets;

    PasswordChecker(SecretResolver secrets) {
        this.secrets = secrets;
    }

    /** The roles whose passwords {@link #check} compares when they all exist on the server, to declare its read ahead. */
    static List<String> checked(Iterable<Role> roles) {
        List<String> names = new java.util.ArrayList<>();
        for (Role role : roles) {
            if (role.password() != null && !willBeGenerated(role.password())) {
                names.add(role.name());
            }
        }
        return names;
    }

    private static boolean willBeGenerated(SecretRef ref) {
        return ref.kind() == SecretRef.Kind.FILE && ref.generate() && !Files.exists(Path.of(ref.name()));
    }

    /** For every declared role with a password that exists on the server; one catalog query for all. */
    Map<String, PasswordStatus> check(PostgresSession session, Iterable<Role> roles, ClusterState cluster) {
        Map<String, PasswordStatus> status = new HashMap<>();
        Map<String, char[]> resolved = new HashMap<>();
        try {
            for (Role role : roles) {
                if (role.password() == null || !cluster.roles().containsKey(role.name())) {
                    continue;
                }
                SecretRef ref = role.password();
                if (willBeGenerated(ref)) {
                    status.put(role.name(), PasswordStatus.WILL_BE_GENERATED);
                    continue;
                }
                try {
                    resolved.put(role.name(), secrets.resolve(ref));
                } catch (SecretUnavailable e) {
                    throw new PlanningFailed(e.getMessage());
                }
            }
            Set<String> matching = session.matchingPasswords(resolved);
            resolved.keySet().forEach(role -> status.put(role, matching.contains(role) ? PasswordStatus.MATCHES : PasswordStatus.DIFFERS));
            return status;
        } finally {
            resolved.values().forEach(secret -> Arrays.fill(secret, '\0'));
        }
    }
}
