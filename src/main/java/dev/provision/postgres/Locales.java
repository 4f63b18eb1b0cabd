package dev.provision.postgres;

/** Locale names as glibc compares them: case-insensitive, "UTF-8" and "utf8" alike. */
public final class Locales {
    private Locales() {}

    /** The name in the form two names of one locale share. */
    public static String normalize(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replace("utf-8", "utf8");
    }
}
