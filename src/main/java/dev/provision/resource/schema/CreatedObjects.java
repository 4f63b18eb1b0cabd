package dev.provision.resource.schema;

import dev.provision.plan.PlannedChange;
import dev.provision.plan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables, views, sequences and routines a planned schema change creates, read from its
 * statements, so that grants on them can be planned in the same plan rather than the next one.
 */
public final class CreatedObjects {
    private static final String NAME = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][\\w$]*)";
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
    private static final Pattern RELATION = Pattern.compile("^CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:UNLOGGED\\s+|TEMP\\w*\\s+)?"
            + "(TABLE|VIEW|MATERIALIZED\\s+VIEW|SEQUENCE)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(" + NAME + ")\\.(" + NAME + ")", FLAGS);
    private static final Pattern ROUTINE = Pattern.compile("^CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:FUNCTION|PROCEDURE)\\s+("
            + NAME + ")\\.(" + NAME + ")\\s*\\(([^)]*)\\)", FLAGS);

    /** What kind of privileges apply: table privileges cover views and materialized views. */
    public enum Kind { TABLE, SEQUENCE, FUNCTION }

    /**
     * One created object, with unquoted names.
     *
     * @param args a routine's arguments as written, names and defaults removed ({@code ""} for none); null otherwise
     */
    public record CreatedObject(Kind kind, String schema, String name, String args) {}

    private CreatedObjects() {}

    public static List<CreatedObject> in(PlannedChange change) {
        List<CreatedObject> created = new ArrayList<>();
        for (Step step : change.steps()) {
            if (step instanceof Step.Sql sql) {
                for (String statement : sql.statements()) {
                    of(statement.strip()).ifPresent(created::add);
                }
            }
        }
        return created.stream().distinct().toList();
    }

    static java.util.Optional<CreatedObject> of(String statement) {
        Matcher m = RELATION.matcher(statement);
        if (m.find()) {
            Kind kind = m.group(1).equalsIgnoreCase("SEQUENCE") ? Kind.SEQUENCE : Kind.TABLE;
            return java.util.Optional.of(new CreatedObject(kind, unquote(m.group(2)), unquote(m.group(3)), null));
        }
        m = ROUTINE.matcher(statement);
        if (m.find()) {
            return java.util.Optional.of(new CreatedObject(Kind.FUNCTION, unquote(m.group(1)), unquote(m.group(2)),
                    argumentTypes(m.group(3))));
        }
        return java.util.Optional.empty();
    }

    /** {@code a integer, b text DEFAULT 'x'} becomes {@code integer, text}: the first word goes when it is a name. */
    private static String argumentTypes(String args) {
        List<String> types = new ArrayList<>();
        for (String arg : args.split(",")) {
            String a = arg.strip().replaceFirst("(?i)\\s+(DEFAULT\\b|=).*$", "").replaceFirst("(?i)^(IN|OUT|INOUT|VARIADIC)\\s+", "");
            if (a.isEmpty()) {
                continue;
            }
            String[] words = a.split("\\s+", 2);
            boolean named = words.length == 2 && !List.of("double", "character", "bit", "timestamp", "time")
                    .contains(words[0].toLowerCase(Locale.ROOT));
            types.add(named ? words[1] : a);
        }
        return String.join(", ", types);
    }

    private static String unquote(String name) {
        return name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"") : name.toLowerCase(Locale.ROOT);
    }
}
