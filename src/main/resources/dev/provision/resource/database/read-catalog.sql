-- One database's managed contents in one round trip. Parameters: 1-4 the managed schemas (text[]),
-- 5 the routine signatures the inventory names (text[]). An object never granted anything has a NULL
-- ACL, which means the default (acldefault) ACL; grantee 0 is PUBLIC.
SELECT 'database' AS kind, NULL::text AS schema, d.datname::text AS name, NULL::text AS args,
       pg_get_userbyid(d.datdba)::text AS owner,
       CASE a.grantee WHEN 0 THEN 'public' ELSE pg_get_userbyid(a.grantee)::text END AS grantee, a.privilege_type AS privilege
  FROM pg_database d LEFT JOIN LATERAL aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) a ON true
 WHERE d.datname = current_database()
UNION ALL
SELECT 'schema', NULL, n.nspname::text, NULL, pg_get_userbyid(n.nspowner)::text,
       CASE a.grantee WHEN 0 THEN 'public' ELSE pg_get_userbyid(a.grantee)::text END, a.privilege_type
  FROM pg_namespace n LEFT JOIN LATERAL aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) a ON true
 WHERE n.nspname = ANY(?::text[])
UNION ALL
SELECT CASE c.relkind WHEN 'S' THEN 'sequence' ELSE 'table' END, n.nspname::text, c.relname::text, NULL,
       pg_get_userbyid(c.relowner)::text,
       CASE a.grantee WHEN 0 THEN 'public' ELSE pg_get_userbyid(a.grantee)::text END, a.privilege_type
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN LATERAL aclexplode(coalesce(c.relacl,
       acldefault(CASE c.relkind WHEN 'S' THEN 's'::"char" ELSE 'r'::"char" END, c.relowner))) a ON true
 WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND n.nspname = ANY(?::text[])
UNION ALL
SELECT 'function', n.nspname::text, p.proname::text, oidvectortypes(p.proargtypes), pg_get_userbyid(p.proowner)::text,
       CASE a.grantee WHEN 0 THEN 'public' ELSE pg_get_userbyid(a.grantee)::text END, a.privilege_type
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  LEFT JOIN LATERAL aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a ON true
 WHERE n.nspname = ANY(?::text[])
UNION ALL
SELECT 'default', n.nspname::text, d.defaclobjtype::text, NULL, pg_get_userbyid(d.defaclrole)::text,
       CASE a.grantee WHEN 0 THEN 'public' ELSE pg_get_userbyid(a.grantee)::text END, a.privilege_type
  FROM pg_default_acl d JOIN pg_namespace n ON n.oid = d.defaclnamespace
 CROSS JOIN LATERAL aclexplode(d.defaclacl) a
 WHERE n.nspname = ANY(?::text[])
UNION ALL
SELECT 'extension', n.nspname::text, e.extname::text, e.extversion, pg_get_userbyid(e.extowner)::text, NULL, NULL
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
UNION ALL
SELECT 'signature', n.nspname::text, p.proname::text, oidvectortypes(p.proargtypes), s.signature, NULL, NULL
  FROM unnest(?::text[]) AS s(signature)
  JOIN pg_proc p ON p.oid = to_regprocedure(s.signature)
  JOIN pg_namespace n ON n.oid = p.pronamespace
