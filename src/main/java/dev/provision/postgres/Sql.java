package dev.provision.postgres;

/** The one place that quotes SQL identifiers and literals; nothing user-supplied is spliced in any other way. */
public final class Sql {
    private Sql() {}

    /** A quoted identifier: {@code "name"}, with embedded double quotes doubled. */
    public static String ident(String name) {
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("identifier contains a NUL character");
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** A quoted literal: {@code 'text'}, with embedded single quotes doubled (standard_conforming_strings on). */
    public static String literal(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("literal contains a NUL character");
        }
        return "'" + text.replace("'", "''") + "'";
    }
}
