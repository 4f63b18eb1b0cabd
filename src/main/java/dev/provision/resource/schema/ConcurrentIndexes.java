package dev.provision.resource.schema;

import dev.provision.postgres.SqlParser;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the CONCURRENTLY a SQL file asks for. The differ writes every new index as a plain CREATE
 * INDEX; when the files create that index CONCURRENTLY and its table already exists, the planned
 * statement gets CONCURRENTLY back (and so runs outside the transaction, without blocking writes).
 */
final class ConcurrentIndexes {
    private static final String NAME = "(?:\"(?:[^\"]|\"\")+\"|[\\w$]+)";
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
    private static final Pattern IN_FILES = Pattern.compile(
            "^CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+CONCURRENTLY\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(" + NAME + ")", FLAGS);
    private static final Pattern PLANNED = Pattern.compile(
            "^CREATE\\s+(UNIQUE\\s+)?INDEX\\s+(" + NAME + ")\\s+ON\\s+(?:ONLY\\s+)?(" + NAME + "(?:\\." + NAME + ")?)", FLAGS);
    private static final Pattern CREATE_TABLE = Pattern.compile("^CREATE\\s+(?:UNLOGGED\\s+)?TABLE\\s+(\\S+)", FLAGS);

    private ConcurrentIndexes() {}

    static List<String> restore(List<String> ddl, DesiredSql sql) {
        Set<String> concurrent = new HashSet<>();
        for (DesiredSql.Source file : sql.files()) {
            for (SqlParser.Statement statement : file.statements()) {
                Matcher m = IN_FILES.matcher(statement.text());
                if (m.find()) {
                    concurrent.add(normalize(m.group(1)));
                }
            }
        }
        if (concurrent.isEmpty()) {
            return ddl;
        }
        Set<String> newTables = new HashSet<>();
        for (String statement : ddl) {
            Matcher m = CREATE_TABLE.matcher(statement.strip());
            if (m.find()) {
                newTables.add(m.group(1));
            }
        }
        return ddl.stream().map(statement -> {
            Matcher m = PLANNED.matcher(statement.strip());
            if (m.find() && concurrent.contains(normalize(m.group(2))) && !newTables.contains(m.group(3))) {
                return "CREATE " + (m.group(1) == null ? "" : "UNIQUE ") + "INDEX CONCURRENTLY "
                        + statement.strip().substring(m.start(2));
            }
            return statement;
        }).toList();
    }

    private static String normalize(String name) {
        return name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"") : name.toLowerCase(Locale.ROOT);
    }
}
