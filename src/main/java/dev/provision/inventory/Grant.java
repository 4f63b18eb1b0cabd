package dev.provision.inventory;

import dev.provision.diag.SourceRange;
import java.util.List;

/**
 * Privileges granted to a role on one object or a class of objects.
 *
 * @param on the object the privileges apply to
 */
public record Grant(SourceRange at, String role, List<String> privileges, GrantTarget on) {

    public Grant {
        privileges = List.copyOf(privileges);
    }
}
