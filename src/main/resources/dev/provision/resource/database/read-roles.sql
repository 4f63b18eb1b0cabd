-- Every role but PostgreSQL's predefined pg_* ones, with the roles it is a member of, the databases
-- where it owns objects or holds privileges (pg_shdepend; '' for shared objects such as databases), and
-- its settings made with ALTER ROLE ... SET (settings[i] applies in setting_databases[i], '' for every database).
SELECT r.rolname AS name, r.rolsuper AS superuser, r.rolcanlogin AS login, r.rolcreatedb AS createdb,
       r.rolcreaterole AS createrole, r.rolreplication AS replication, r.rolconnlimit AS connection_limit,
       extract(epoch FROM r.rolvaliduntil)::text AS valid_until,
       ARRAY(SELECT g.rolname::text FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
              WHERE m.member = r.oid ORDER BY 1) AS member_of,
       ARRAY(SELECT DISTINCT coalesce(d.datname::text, '') FROM pg_shdepend s LEFT JOIN pg_database d ON d.oid = s.dbid
              WHERE s.refclassid = 'pg_authid'::regclass AND s.refobjid = r.oid AND s.deptype = 'o' ORDER BY 1) AS owns_in,
       ARRAY(SELECT DISTINCT coalesce(d.datname::text, '') FROM pg_shdepend s LEFT JOIN pg_database d ON d.oid = s.dbid
              WHERE s.refclassid = 'pg_authid'::regclass AND s.refobjid = r.oid AND s.deptype IN ('a', 'r', 'i')
              ORDER BY 1) AS privileges_in,
       ARRAY(SELECT c FROM pg_db_role_setting s LEFT JOIN pg_database d ON d.oid = s.setdatabase, unnest(s.setconfig) AS c
              WHERE s.setrole = r.oid ORDER BY coalesce(d.datname::text, ''), c) AS settings,
       ARRAY(SELECT coalesce(d.datname::text, '') FROM pg_db_role_setting s LEFT JOIN pg_database d ON d.oid = s.setdatabase,
              unnest(s.setconfig) AS c
              WHERE s.setrole = r.oid ORDER BY coalesce(d.datname::text, ''), c) AS setting_databases
  FROM pg_roles r
 WHERE r.rolname !~ '^pg_'
