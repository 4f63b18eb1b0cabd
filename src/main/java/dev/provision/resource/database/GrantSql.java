package dev.provision.resource.database;

import dev.provision.postgres.Sql;
import java.util.Collection;

/**
 * GRANT and REVOKE, on objects and as default privileges. Names go through {@link Sql#ident}; a
 * privilege must be one the object kind knows (so nothing else can reach the statement text).
 */
final class GrantSql {
    private GrantSql() {}

    static String grant(DbObject object, Collection<String> privileges, String grantee) {
        return "GRANT " + privileges(object.kind(), privileges) + " ON " + object.sql() + " TO " + grantee(grantee);
    }

    static String revoke(DbObject object, Collection<String> privileges, String grantee) {
        return "REVOKE " + privileges(object.kind(), privileges) + " ON " + object.sql() + " FROM " + grantee(grantee);
    }

    static String grantDefault(DefaultAclKey key, Collection<String> privileges) {
        return defaults(key) + " GRANT " + privileges(key.objects().kind(), privileges) + " ON " + key.objects().name()
                + " TO " + grantee(key.grantee());
    }

    static String revokeDefault(DefaultAclKey key, Collection<String> privileges) {
        return defaults(key) + " REVOKE " + privileges(key.objects().kind(), privileges) + " ON " + key.objects().name()
                + " FROM " + grantee(key.grantee());
    }

    private static String defaults(DefaultAclKey key) {
        return "ALTER DEFAULT PRIVILEGES FOR ROLE " + Sql.ident(key.creator()) + " IN SCHEMA " + Sql.ident(key.schema());
    }

    /** The privileges in the kind's canonical order, each checked against the kind's list. */
    private static String privileges(ObjectKind kind, Collection<String> privileges) {
        for (String p : privileges) {
            if (!kind.privileges().contains(p)) {
                throw new IllegalArgumentException("privilege " + p + " does not apply to a " + kind.label());
            }
        }
        return String.join(", ", kind.privileges().stream().filter(privileges::contains).toList());
    }

    /** PUBLIC is a keyword, not a role: quoting it would name a role called "public". */
    static String grantee(String role) {
        return role.equals("public") ? "PUBLIC" : Sql.ident(role);
    }
}
