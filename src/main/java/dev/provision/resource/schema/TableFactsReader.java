package dev.provision.resource.schema;

import dev.provision.postgres.PostgresSession;
import dev.provision.postgres.Sql;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@link TableFacts} for the tables named in planned statements: a few catalog queries per table. */
final class TableFactsReader {

    /** Facts keyed by each name as the statements write it; a name that is no table yet maps to {@link TableFacts#ABSENT}. */
    Map<String, TableFacts> read(PostgresSession session, Set<String> tables) {
        Map<String, TableFacts> facts = new LinkedHashMap<>();
        for (String table : tables) {
            List<Map<String, Object>> rows = session.query("SELECT n.nspname, c.relname,"
                    + " greatest(c.reltuples::float8, coalesce(s.n_live_tup, 0)::float8) AS estimate"
                    + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid"
                    + " WHERE c.oid = to_regclass(?) AND c.relkind IN ('r', 'p')", table);
            if (rows.isEmpty()) {
                facts.put(table, TableFacts.ABSENT);
                continue;
            }
            Map<String, Object> row = rows.get(0);
            String qualified = Sql.ident((String) row.get("nspname")) + "." + Sql.ident((String) row.get("relname"));
            boolean hasRows = Boolean.TRUE.equals(session.query("SELECT EXISTS (SELECT 1 FROM " + qualified + ") AS has_rows")
                    .get(0).get("has_rows"));
            Map<String, String> columns = new HashMap<>();
            for (Map<String, Object> column : session.query("SELECT attname, format_type(atttypid, atttypmod) AS type"
                    + " FROM pg_attribute WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT attisdropped", table)) {
                columns.put((String) column.get("attname"), (String) column.get("type"));
            }
            facts.put(table, new TableFacts(hasRows, ((Number) row.get("estimate")).doubleValue(), columns));
        }
        return facts;
    }
}
