package dev.provision.resource.schema;

/**
 * One catalog query that fingerprints the schema objects of a database (every schema but the
 * system's and provision's): relations and their columns, constraints, indexes, views, functions,
 * triggers, sequences, types, policies, rules and comments, each as PostgreSQL prints its definition.
 * Privileges are left out: grants are managed on their own.
 *
 * <p>Run it with {@code search_path = pg_catalog}, so that names print the same way every time.
 */
final class CatalogDigest {
    private CatalogDigest() {}

    private static final String IN_SCOPE = "(SELECT oid FROM pg_namespace WHERE nspname NOT IN ('pg_catalog',"
            + " 'information_schema', '" + SchemaState.SCHEMA + "') AND nspname NOT LIKE 'pg\\_toast%'"
            + " AND nspname NOT LIKE 'pg\\_temp\\_%')";

    /** Returns one row with one column, {@code digest}. */
    static final String QUERY = ("SELECT md5(coalesce(string_agg(d, E'\\n' ORDER BY d), '')) AS digest FROM ("
            + " SELECT 'schema ' || nspname || ' ' || pg_get_userbyid(nspowner) AS d FROM pg_namespace WHERE oid IN " + IN_SCOPE
            + " UNION ALL SELECT 'rel ' || c.oid::regclass::text || ' ' || c.relkind::text || c.relpersistence::text || ' '"
            + "   || pg_get_userbyid(c.relowner) || ' ' || c.relrowsecurity::text || c.relforcerowsecurity::text || ' '"
            + "   || coalesce(array_to_string(c.reloptions, ','), '')"
            + "   FROM pg_class c WHERE c.relnamespace IN " + IN_SCOPE
            + " UNION ALL SELECT 'col ' || c.oid::regclass::text || ' ' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)"
            + "   || ' ' || a.attnotnull::text || a.attidentity::text || a.attgenerated::text || ' ' || coalesce(pg_get_expr(ad.adbin, ad.adrelid), '')"
            + "   || ' ' || a.attcollation::regcollation::text || ' ' || a.attstattarget::text"
            + "   FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
            + "   LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum"
            + "   WHERE c.relnamespace IN " + IN_SCOPE + " AND a.attnum > 0 AND NOT a.attisdropped"
            + " UNION ALL SELECT 'con ' || conrelid::regclass::text || ' ' || contypid::regtype::text || ' ' || conname"
            + "   || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated::text FROM pg_constraint WHERE connamespace IN " + IN_SCOPE
            + " UNION ALL SELECT 'idx ' || pg_get_indexdef(i.indexrelid) || ' ' || i.indisvalid::text FROM pg_index i"
            + "   JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relnamespace IN " + IN_SCOPE
            + " UNION ALL SELECT 'view ' || c.oid::regclass::text || ' ' || pg_get_viewdef(c.oid) FROM pg_class c"
            + "   WHERE c.relkind::text IN ('v', 'm') AND c.relnamespace IN " + IN_SCOPE
            + " UNION ALL SELECT 'fn ' || pg_get_functiondef(p.oid) || ' ' || pg_get_userbyid(p.proowner) FROM pg_proc p"
            + "   WHERE p.prokind IN ('f', 'p') AND p.pronamespace IN " + IN_SCOPE
            + " UNION ALL SELECT 'agg ' || p.oid::regprocedure::text FROM pg_proc p WHERE p.prokind IN ('a', 'w')"
            + "   AND p.pronamespace IN " + IN_SCOPE
            + " UNION ALL SELECT 'trg ' || pg_get_triggerdef(t.oid) || ' ' || t.tgenabled::text FROM pg_trigger t"
            + "   JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal AND c.relnamespace IN " + IN_SCOPE
            + " UNION ALL SELECT 'seq ' || s.seqrelid::regclass::text || ' ' || s.seqtypid::regtype::text || ' ' || s.seqstart::text"
            + "   || ' ' || s.seqincrement::text || ' ' || s.seqmax::text || ' ' || s.seqmin::text || ' ' || s.seqcache::text || ' ' || s.seqcycle::text"
            + "   FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid WHERE c.relnamespace IN " + IN_SCOPE
            + " UNION ALL SELECT 'type ' || t.oid::regtype::text || ' ' || t.typtype::text || ' ' || pg_get_userbyid(t.typowner)"
            + "   || ' ' || coalesce((SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e"
            + "   WHERE e.enumtypid = t.oid), '') || ' ' || t.typbasetype::regtype::text || ' ' || t.typnotnull::text"
            + "   || ' ' || coalesce(t.typdefault, '') FROM pg_type t WHERE t.typnamespace IN " + IN_SCOPE
            + " UNION ALL SELECT 'policy ' || polrelid::regclass::text || ' ' || polname || ' ' || polcmd::text || ' ' || polpermissive::text"
            + "   || ' ' || coalesce(pg_get_expr(polqual, polrelid), '') || ' ' || coalesce(pg_get_expr(polwithcheck, polrelid), '')"
            + "   FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid WHERE c.relnamespace IN " + IN_SCOPE
            + " UNION ALL SELECT 'rule ' || definition FROM pg_rules WHERE schemaname NOT IN ('pg_catalog', 'information_schema',"
            + "   '" + SchemaState.SCHEMA + "')"
            + " UNION ALL SELECT 'comment ' || classoid::regclass::text || ' ' || objoid::text || ' ' || objsubid::text || ' ' || description"
            + "   FROM pg_description WHERE objoid IN (SELECT oid FROM pg_class WHERE relnamespace IN " + IN_SCOPE
            + "   UNION ALL SELECT oid FROM pg_proc WHERE pronamespace IN " + IN_SCOPE
            + "   UNION ALL SELECT oid FROM pg_type WHERE typnamespace IN " + IN_SCOPE + ")"
            + ") objects").replace(" UNION ALL ", "\n UNION ALL ");
}
