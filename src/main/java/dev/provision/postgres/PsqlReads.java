package dev.provision.postgres;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a server's declared {@link Read}s in one psql session inside its container, instead of one JDBC
 * connection per database: on a plan with nothing to do, no admin connection is opened at all.
 * Each read's rows come back as JSON ({@code json_agg}), so they arrive typed as JDBC would give them
 * (booleans, numbers, text, arrays as lists). Parameters become quoted literals ({@link Sql#literal}).
 * A read that fails (its table is missing, its database was dropped) is simply not answered: the
 * session asks the server itself, and reports what the server says.
 */
public final class PsqlReads {
    private static final JsonFactory JSON = new JsonFactory();

    private PsqlReads() {}

    /**
     * The psql script that runs {@code reads}, grouped by database in their first-declared order, each
     * result preceded by a line {@code marker index}. A database that does not exist is skipped.
     */
    public static String script(List<Read> reads, String marker) {
        Map<String, List<Integer>> byDatabase = new LinkedHashMap<>();
        for (int i = 0; i < reads.size(); i++) {
            byDatabase.computeIfAbsent(reads.get(i).database(), d -> new ArrayList<>()).add(i);
        }
        StringBuilder script = new StringBuilder();
        for (Map.Entry<String, List<Integer>> db : byDatabase.entrySet()) {
            script.append("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_database WHERE datname = ").append(Sql.literal(db.getKey()))
                    .append(") AS provision_database_exists \\gset\n\\if :provision_database_exists\n")
                    .append("\\connect ").append(metaArgument(db.getKey())).append('\n');
            for (int i : db.getValue()) {
                Read read = reads.get(i);
                if (read.relation() != null) {
                    script.append("SELECT to_regclass(").append(Sql.literal(read.relation()))
                            .append(") IS NOT NULL AS provision_relation_exists \\gset\n\\if :provision_relation_exists\n");
                }
                script.append("\\echo ").append(marker).append(' ').append(i).append('\n');
                if (read.searchPath() != null) {
                    script.append("SET search_path = ").append(read.searchPath()).append(";\n");
                }
                script.append("SELECT coalesce(json_agg(provision_row), '[]') FROM (\n").append(withLiterals(read))
                        .append("\n) provision_row;\n");
                if (read.searchPath() != null) {
                    script.append("RESET search_path;\n");
                }
                if (read.relation() != null) {
                    script.append("\\endif\n");
                }
            }
            script.append("\\endif\n");
        }
        return script.toString();
    }

    /** The answers in psql's output, by {@link Read#key()}; a read without one (it failed) is left out. */
    public static Map<String, List<Map<String, Object>>> parse(String output, List<Read> reads, String marker) {
        Map<String, List<Map<String, Object>>> answers = new HashMap<>();
        int index = -1;
        StringBuilder json = new StringBuilder();
        for (String line : (output + "\n" + marker + " -1").split("\n", -1)) {
            if (line.startsWith(marker + " ")) {
                if (index >= 0 && index < reads.size()) {
                    String key = reads.get(index).key();
                    rows(json.toString()).ifPresent(rows -> answers.put(key, rows));
                }
                index = Integer.parseInt(line.substring(marker.length() + 1).strip());
                json.setLength(0);
            } else if (index >= 0) {
                json.append(line).append('\n');
            }
        }
        return answers;
    }

    /** The read's SQL with each {@code ?} placeholder (outside quotes and comments) replaced by its parameter as a literal. */
    static String withLiterals(Read read) {
        String sql = read.sql();
        StringBuilder out = new StringBuilder(sql.length() + 64);
        int param = 0;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            int end;
            if (c == '\'' || c == '"') {
                end = sql.indexOf(c, i + 1);
                while (end >= 0 && end + 1 < sql.length() && sql.charAt(end + 1) == c) {
                    end = sql.indexOf(c, end + 2);
                }
                end = end < 0 ? sql.length() : end + 1;
            } else if (c == '-' && sql.startsWith("--", i)) {
                end = sql.indexOf('\n', i);
                end = end < 0 ? sql.length() : end;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                end = sql.indexOf("*/", i + 2);
                end = end < 0 ? sql.length() : end + 2;
            } else if (c == '?') {
                if (param >= read.params().size()) {
                    throw new IllegalArgumentException("more placeholders than parameters in: " + sql);
                }
                out.append(literal(read.params().get(param++)));
                i++;
                continue;
            } else {
                end = i + 1;
            }
            out.append(sql, i, end);
            i = end;
        }
        if (param != read.params().size()) {
            throw new IllegalArgumentException("fewer placeholders than parameters in: " + sql);
        }
        return out.toString().strip().replaceAll(";+$", "");
    }

    private static String literal(Object value) {
        if (value instanceof String text) {
            return Sql.literal(text);
        }
        if (value instanceof Object[] array) {
            StringBuilder out = new StringBuilder("ARRAY[");
            for (int i = 0; i < array.length; i++) {
                out.append(i == 0 ? "" : ", ").append(Sql.literal(String.valueOf(array[i])));
            }
            return out.append("]::text[]").toString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw new IllegalArgumentException("unsupported parameter type " + (value == null ? "null" : value.getClass().getName()));
    }

    /** A database name as an argument of a psql meta-command: single-quoted, quotes doubled, backslashes escaped. */
    private static String metaArgument(String name) {
        return "'" + name.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    private static Optional<List<Map<String, Object>>> rows(String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return Optional.empty();
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                Map<String, Object> row = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String column = parser.currentName();
                    parser.nextToken();
                    row.put(column, value(parser));
                }
                rows.add(row);
            }
            return Optional.of(rows);
        } catch (IOException e) {
            return Optional.empty(); // not a complete answer: the session asks the server
        }
    }

    private static Object value(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NUMBER_INT -> parser.getNumberValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_STRING -> parser.getText();
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(parser));
                }
                yield list;
            }
            default -> throw new IOException("unexpected " + parser.currentToken() + " in a catalog row");
        };
    }
}
