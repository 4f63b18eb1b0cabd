package dev.provision.resource.schema;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings the planner statistics of a database's system catalogs up to date before the schema
 * comparison reads them, when they are far from the catalogs' real size.
 *
 * <p>A database that has just gained many objects (a scratch database built from the SQL files, or a
 * database right after the apply that created its tables) still has the statistics of the template it
 * was copied from until autovacuum gets to it, up to a minute later. PostgreSQL then estimates one
 * row for a schema's relations, and pgcodekeeper's catalog queries join them in nested loops: one
 * query took 101 s at 1,000 tables, 0.5 s after {@code ANALYZE} (bench/RESULTS.md). Catalogs whose row
 * count is within a fifth of their estimate are left alone, so a database whose statistics are
 * current pays one cheap counting query.
 */
final class CatalogStatistics {
    /** The per-database catalogs the comparison's queries read; shared catalogs are not analyzed per database. */
    static final List<String> CATALOGS = List.of("pg_class", "pg_attribute", "pg_attrdef", "pg_depend", "pg_type",
            "pg_proc", "pg_constraint", "pg_index", "pg_trigger", "pg_description", "pg_rewrite", "pg_namespace",
            "pg_inherits", "pg_sequence", "pg_policy");

    /** Rows below which a catalog's estimate is never worth refreshing: plans over it stay cheap either way. */
    private static final long SMALL = 200;

    private CatalogStatistics() {}

    /** The query that gives each catalog's real row count ({@code actual}) beside the planner's estimate ({@code estimated}). */
    static String sizesQuery() {
        List<String> parts = new ArrayList<>();
        for (String catalog : CATALOGS) {
            parts.add("SELECT '" + catalog + "' AS catalog, (SELECT count(*) FROM pg_catalog." + catalog + ") AS actual,"
                    + " (SELECT reltuples FROM pg_catalog.pg_class WHERE oid = 'pg_catalog." + catalog + "'::pg_catalog.regclass)::float8 AS estimated");
        }
        return String.join(" UNION ALL ", parts);
    }

    /** Whether a catalog of {@code actual} rows, estimated at {@code estimated} (-1: never analyzed), needs new statistics. */
    static boolean stale(long actual, double estimated) {
        if (actual < SMALL && estimated < SMALL) {
            return false;
        }
        return estimated < 0 || actual > estimated * 1.2 + SMALL / 2.0 || actual < estimated * 0.8 - SMALL / 2.0;
    }

    /** Analyzes the catalogs of the database {@code connection} is in whose statistics are stale; returns their names. */
    static List<String> refresh(Connection connection) throws SQLException {
        List<String> stale = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery(sizesQuery())) {
                while (rows.next()) {
                    if (stale(rows.getLong("actual"), rows.getDouble("estimated"))) {
                        stale.add("pg_catalog." + rows.getString("catalog"));
                    }
                }
            }
            if (!stale.isEmpty()) {
                statement.execute("ANALYZE " + String.join(", ", stale));
            }
        }
        return stale;
    }
}
