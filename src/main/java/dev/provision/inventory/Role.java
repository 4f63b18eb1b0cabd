package dev.provision.inventory;

import dev.provision.diag.SourceRange;
import java.util.List;

/**
 * A database role; its password, if any, is a reference to a secret, never the secret itself.
 *
 * @param connectionLimit -1 for no limit
 * @param validUntil an ISO timestamp, {@code "infinity"}, or {@code null}
 */
public record Role(
        String name,
        SourceRange at,
        boolean login,
        boolean superuser,
        boolean createdb,
        boolean createrole,
        boolean replication,
        int connectionLimit,
        String validUntil,
        List<String> memberOf,
        SecretRef password) {

    public Role {
        memberOf = List.copyOf(memberOf);
    }
}
