package dev.provision.resource.database;

import java.util.Set;
import java.util.TreeSet;

/**
 * What provision created (or adopted) on one server, as recorded in {@code provision.owned} of its
 * {@code postgres} database: only these are ever removed when the inventory stops declaring them.
 */
record Owned(Set<Entry> entries) {

    /** The kinds of object recorded; {@link #id} is the {@code kind} column. */
    enum Kind {
        ROLE("role"), DATABASE("database"), SETTING("setting"), SCHEMA("schema"), EXTENSION("extension");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        String id() {
            return id;
        }

        static Kind of(String id) {
            for (Kind kind : values()) {
                if (kind.id.equals(id)) {
                    return kind;
                }
            }
            return null;
        }
    }

    /**
     * One recorded object.
     *
     * @param database the database it lives in; empty for roles and databases, which are cluster-wide
     */
    record Entry(Kind kind, String database, String name) {

        static Entry role(String name) {
            return new Entry(Kind.ROLE, "", name);
        }

        static Entry database(String name) {
            return new Entry(Kind.DATABASE, "", name);
        }

        static Entry in(Kind kind, String database, String name) {
            return new Entry(kind, database, name);
        }
    }

    Owned {
        entries = Set.copyOf(entries);
    }

    /** A server where provision recorded nothing (new, or managed by a version before ownership was recorded). */
    static Owned none() {
        return new Owned(Set.of());
    }

    boolean contains(Entry entry) {
        return entries.contains(entry);
    }

    /** The recorded names of {@code kind} in {@code database} ({@code ""} for roles and databases), sorted. */
    Set<String> names(Kind kind, String database) {
        Set<String> names = new TreeSet<>();
        entries.stream().filter(e -> e.kind() == kind && e.database().equals(database)).forEach(e -> names.add(e.name()));
        return names;
    }
}
