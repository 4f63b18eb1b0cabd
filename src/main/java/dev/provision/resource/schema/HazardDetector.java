package dev.provision.resource.schema;

import dev.provision.plan.Hazard;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what planned DDL could lose or lock: dropped tables and columns, type changes that rewrite a
 * table, NOT NULL on a table with rows, index builds that block writes on a large table. Pure: the
 * catalog facts it needs are read beforehand ({@link #tablesToRead(List)}).
 */
final class HazardDetector {
    static final String DROP_TABLE = dev.provision.plan.HazardKind.DROP_TABLE.id();
    static final String DROP_COLUMN = dev.provision.plan.HazardKind.DROP_COLUMN.id();
    static final String TYPE_REWRITE = dev.provision.plan.HazardKind.COLUMN_TYPE_REWRITE.id();
    static final String NOT_NULL = dev.provision.plan.HazardKind.NOT_NULL_WITHOUT_DEFAULT.id();
    static final String BLOCKING_INDEX = dev.provision.plan.HazardKind.BLOCKING_INDEX_BUILD.id();

    private static final String NAME = "(?:\"(?:[^\"]|\"\")+\"|[\\w$]+)";
    private static final String QUALIFIED = "(" + NAME + "(?:\\." + NAME + ")?)";
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
    private static final Pattern DROP_TABLE_SQL = Pattern.compile("^DROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?" + QUALIFIED, FLAGS);
    private static final Pattern DROP_SCHEMA_SQL = Pattern.compile("^DROP\\s+SCHEMA\\s+(?:IF\\s+EXISTS\\s+)?(" + NAME + ")", FLAGS);
    private static final Pattern ALTER_TABLE = Pattern.compile("^ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?"
            + QUALIFIED + "\\s+(.*)$", FLAGS);
    private static final Pattern DROP_COLUMN_SQL = Pattern.compile("^DROP\\s+COLUMN\\s+(?:IF\\s+EXISTS\\s+)?(" + NAME + ")", FLAGS);
    private static final Pattern TYPE_SQL = Pattern.compile("^ALTER\\s+COLUMN\\s+(" + NAME + ")\\s+(?:SET\\s+DATA\\s+)?TYPE\\s+"
            + "(.+?)(?:\\s+COLLATE\\s+.*?)?(?:\\s+USING\\s+.*)?$", FLAGS);
    private static final Pattern SET_NOT_NULL = Pattern.compile("^ALTER\\s+COLUMN\\s+(" + NAME + ")\\s+SET\\s+NOT\\s+NULL", FLAGS);
    private static final Pattern ADD_COLUMN = Pattern.compile("^ADD\\s+COLUMN\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(" + NAME + ")\\s+(.*)$", FLAGS);
    private static final Pattern CREATE_INDEX = Pattern.compile("^CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(CONCURRENTLY\\s+)?"
            + "(?:IF\\s+NOT\\s+EXISTS\\s+)?(?:" + NAME + "\\s+)?ON\\s+(?:ONLY\\s+)?" + QUALIFIED, FLAGS);
    private static final Pattern VARCHAR = Pattern.compile("character varying(?:\\((\\d+)\\))?");
    private static final Pattern NUMERIC = Pattern.compile("numeric(?:\\(\\d+,\\d+\\))?");

    private final double largeTableRows;

    /** @param largeTableRows above this row estimate, an index build without CONCURRENTLY is a hazard */
    HazardDetector(double largeTableRows) {
        this.largeTableRows = largeTableRows;
    }

    /** The tables whose facts {@link #detect} needs, as the statements name them. */
    static Set<String> tablesToRead(List<String> statements) {
        Set<String> tables = new LinkedHashSet<>();
        for (String statement : statements) {
            Matcher alter = ALTER_TABLE.matcher(statement.strip());
            Matcher index = CREATE_INDEX.matcher(statement.strip());
            if (alter.find()) {
                tables.add(alter.group(1));
            } else if (index.find()) {
                tables.add(index.group(2));
            }
        }
        return tables;
    }

    List<Hazard> detect(List<String> statements, Map<String, TableFacts> facts) {
        List<Hazard> hazards = new ArrayList<>();
        for (String raw : statements) {
            String statement = raw.strip();
            Matcher m;
            if ((m = DROP_TABLE_SQL.matcher(statement)).find()) {
                hazards.add(new Hazard(DROP_TABLE, "drops table " + m.group(1) + " and every row in it", raw));
            } else if ((m = DROP_SCHEMA_SQL.matcher(statement)).find()) {
                hazards.add(new Hazard(DROP_TABLE, "drops schema " + m.group(1) + " and every table in it", raw));
            } else if ((m = CREATE_INDEX.matcher(statement)).find()) {
                TableFacts table = facts.getOrDefault(m.group(2), TableFacts.ABSENT);
                if (m.group(1) == null && table.estimatedRows() > largeTableRows) {
                    hazards.add(new Hazard(BLOCKING_INDEX, "builds an index on " + m.group(2) + " (about "
                            + Math.round(table.estimatedRows()) + " rows) without CONCURRENTLY, blocking writes until it"
                            + " finishes; write CREATE INDEX CONCURRENTLY in the SQL file to avoid it", raw));
                }
            } else if ((m = ALTER_TABLE.matcher(statement)).find()) {
                alterTable(m.group(1), m.group(2).strip(), facts.getOrDefault(m.group(1), TableFacts.ABSENT), raw, hazards);
            }
        }
        return hazards;
    }

    /** @param statement the whole statement, which the hazards name */
    private static void alterTable(String table, String action, TableFacts facts, String statement, List<Hazard> hazards) {
        Matcher m;
        if ((m = DROP_COLUMN_SQL.matcher(action)).find()) {
            hazards.add(new Hazard(DROP_COLUMN, "drops column " + m.group(1) + " of " + table + " and its data", statement));
        } else if ((m = TYPE_SQL.matcher(action)).find()) {
            String before = facts.columnTypes().get(unquote(m.group(1)));
            String after = m.group(2).strip();
            if (facts.hasRows() && !keepsStorage(before, after)) {
                hazards.add(new Hazard(TYPE_REWRITE, "changes the type of " + table + "." + m.group(1) + " from "
                        + (before == null ? "its current type" : before) + " to " + after
                        + ", which rewrites the table under an exclusive lock (and fails if a value does not convert)", statement));
            }
        } else if ((m = SET_NOT_NULL.matcher(action)).find()) {
            if (facts.hasRows()) {
                hazards.add(new Hazard(NOT_NULL, "makes " + table + "." + m.group(1) + " NOT NULL on a table with rows:"
                        + " it scans the table under an exclusive lock and fails if a row holds NULL", statement));
            }
        } else if ((m = ADD_COLUMN.matcher(action)).find()) {
            String definition = m.group(2);
            boolean notNull = Pattern.compile("\\bNOT\\s+NULL\\b", FLAGS).matcher(definition).find();
            boolean hasDefault = Pattern.compile("\\bDEFAULT\\b", FLAGS).matcher(definition).find();
            if (notNull && !hasDefault && facts.hasRows()) {
                hazards.add(new Hazard(NOT_NULL, "adds NOT NULL column " + m.group(1) + " without a default to " + table
                        + ", which has rows: it fails; give the column a DEFAULT, or add it nullable and backfill", statement));
            }
        }
    }

    /** True for type changes PostgreSQL makes without rewriting the table (widening a varchar, dropping a limit). */
    static boolean keepsStorage(String before, String after) {
        if (before == null) {
            return false;
        }
        if (before.equals(after)) {
            return true;
        }
        Matcher from = VARCHAR.matcher(before);
        Matcher to = VARCHAR.matcher(after);
        if (from.matches()) {
            if (after.equals("text")) {
                return true;
            }
            if (to.matches()) {
                return to.group(1) == null || (from.group(1) != null
                        && Integer.parseInt(to.group(1)) >= Integer.parseInt(from.group(1)));
            }
        }
        return NUMERIC.matcher(before).matches() && after.equals("numeric");
    }

    private static String unquote(String name) {
        return name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"") : name;
    }
}
