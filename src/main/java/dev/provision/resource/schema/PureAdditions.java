package dev.provision.resource.schema;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Tells whether planned DDL only adds what the live database lacks (a new index, table, column,
 * constraint, comment). Such DDL is never an artifact of PostgreSQL printing an existing object back
 * differently from how the files wrote it: an object on both sides that compares unequal is dropped,
 * replaced or altered, never only created. So its comparison needs no second, printing-normalized pass.
 */
final class PureAdditions {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
    private static final List<Pattern> ADDITIONS = List.of(
            Pattern.compile("^SET\\s+LOCAL\\s", FLAGS),
            Pattern.compile("^CREATE\\s+(?:UNIQUE\\s+)?(?:INDEX|TABLE|SEQUENCE|TRIGGER|SCHEMA|TYPE)\\s", FLAGS),
            Pattern.compile("^ALTER\\s+TABLE\\s+(?:ONLY\\s+)?\\S+\\s+ADD\\s(?!.*,\\s*(?:ALTER|DROP|RENAME|VALIDATE)\\s)", FLAGS),
            Pattern.compile("^ALTER\\s+SEQUENCE\\s+\\S+\\s+OWNED\\s+BY\\s", FLAGS),
            Pattern.compile("^COMMENT\\s+ON\\s", FLAGS));

    private PureAdditions() {}

    static boolean only(List<String> statements) {
        return statements.stream().map(String::strip)
                .allMatch(statement -> ADDITIONS.stream().anyMatch(p -> p.matcher(statement).find()));
    }
}
