package dev.provision.resource.database;

import dev.provision.plan.Action;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Cause;
import dev.provision.plan.PlannedChange;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The GRANT and REVOKE statements, and the plan lines, that bring one grantee's privileges in line. */
final class GranteeDiff {
    private final String grantee;
    private final List<String> statements = new ArrayList<>();
    private final List<AttributeChange> attributes = new ArrayList<>();
    private boolean drift;

    GranteeDiff(String grantee) {
        this.grantee = grantee;
    }

    /**
     * The change at {@code databases.DB.grants.GRANTEE}, one transaction; empty when nothing differs.
     * It is drift when it revokes, or grants on an object and to a role that existed before this plan.
     */
    Optional<PlannedChange> change(Server server, String database, List<String> waiting) {
        if (statements.isEmpty()) {
            return Optional.empty();
        }
        boolean created = attributes.stream().allMatch(a -> a.before() == null);
        String summary = (drift ? "privileges of " + grantee + " differ from the inventory" : "privileges declared for " + grantee)
                + (waiting.isEmpty() ? "" : "; waiting for objects that do not exist yet: " + String.join(", ", new TreeSet<>(waiting)));
        return Optional.of(new PlannedChange(server.database(database).child("grants").child(grantee),
                created ? Action.CREATE : Action.UPDATE, drift ? Cause.DRIFT : Cause.INVENTORY, summary, attributes, List.of(),
                List.of(server.sql(database, statements, true))));
    }

    void object(DbObject object, Set<String> have, Set<String> want, boolean existed) {
        Set<String> add = minus(want, have);
        Set<String> remove = minus(have, want);
        if (!add.isEmpty()) {
            statements.add(GrantSql.grant(object, add, grantee));
        }
        if (!remove.isEmpty()) {
            statements.add(GrantSql.revoke(object, remove, grantee));
        }
        record(object.display(), object.kind(), have, want, add, remove, existed);
    }

    void defaults(DefaultAclKey key, Set<String> have, Set<String> want, boolean existed) {
        Set<String> add = minus(want, have);
        Set<String> remove = minus(have, want);
        if (!add.isEmpty()) {
            statements.add(GrantSql.grantDefault(key, add));
        }
        if (!remove.isEmpty()) {
            statements.add(GrantSql.revokeDefault(key, remove));
        }
        record(key.display(), key.objects().kind(), have, want, add, remove, existed);
    }


    private void record(String what, ObjectKind kind, Set<String> have, Set<String> want, Set<String> add,
            Set<String> remove, boolean existed) {
        if (add.isEmpty() && remove.isEmpty()) {
            return;
        }
        drift |= !remove.isEmpty() || existed;
        attributes.add(new AttributeChange(what, show(kind, have), show(kind, want)));
    }

    private static String show(ObjectKind kind, Set<String> privileges) {
        return privileges.isEmpty() ? null : String.join(", ", kind.privileges().stream().filter(privileges::contains).toList());
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> result = new LinkedHashSet<>(a);
        result.removeAll(b);
        return result;
    }
}
