package dev.provision.resource.database;

import java.util.Comparator;

/**
 * One entry of default privileges in a schema: what objects {@code creator} makes there in the future
 * will grant to {@code grantee} ({@code public} for PUBLIC).
 */
record DefaultAclKey(String creator, String schema, FutureObjects objects, String grantee) {

    static final Comparator<DefaultAclKey> ORDER = Comparator.comparing(DefaultAclKey::schema)
            .thenComparing(DefaultAclKey::objects).thenComparing(DefaultAclKey::creator);

    /** The kinds of future object default privileges name, with {@code pg_default_acl.defaclobjtype}. */
    enum FutureObjects {
        TABLES("r", ObjectKind.TABLE),
        SEQUENCES("S", ObjectKind.SEQUENCE),
        FUNCTIONS("f", ObjectKind.FUNCTION);

        private final String code;
        private final ObjectKind kind;

        FutureObjects(String code, ObjectKind kind) {
            this.code = code;
            this.kind = kind;
        }

        ObjectKind kind() {
            return kind;
        }

        static FutureObjects of(ObjectKind kind) {
            for (FutureObjects f : values()) {
                if (f.kind == kind) {
                    return f;
                }
            }
            throw new IllegalArgumentException("no default privileges for " + kind);
        }

        /** {@code null} for object types provision does not manage (types, schemas). */
        static FutureObjects ofCode(String code) {
            for (FutureObjects f : values()) {
                if (f.code.equals(code)) {
                    return f;
                }
            }
            return null;
        }
    }

    String display() {
        return "future " + objects.name().toLowerCase(java.util.Locale.ROOT) + " in " + schema + " created by " + creator;
    }
}
