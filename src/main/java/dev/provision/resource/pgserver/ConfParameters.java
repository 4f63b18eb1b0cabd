package dev.provision.resource.pgserver;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Set;

/** The parameters a postgresql.conf sets, as PostgreSQL reads them: last one wins, quotes removed. */
final class ConfParameters {
    private ConfParameters() {}

    static Map<String, String> parse(String text) {
        Map<String, String> values = new TreeMap<>();
        for (String raw : text.split("\n")) {
            String line = stripComment(raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            String name = (eq < 0 ? line.split("\\s+")[0] : line.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? line.substring(name.length()).strip() : line.substring(eq + 1).strip();
            if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
                value = value.substring(1, value.length() - 1).replace("''", "'");
            }
            values.put(name, value);
        }
        return values;
    }

    /** The names whose value differs, including ones only one side sets. */
    static Set<String> changed(Map<String, String> before, Map<String, String> after) {
        Set<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        names.removeIf(n -> java.util.Objects.equals(before.get(n), after.get(n)));
        return names;
    }

    private static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == '#' && !quoted) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
