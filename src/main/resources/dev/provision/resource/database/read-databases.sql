-- Every database with its locale, limit, and the settings made with ALTER DATABASE ... SET (for all roles).
SELECT d.datname AS name, pg_get_userbyid(d.datdba)::text AS owner, pg_encoding_to_char(d.encoding)::text AS encoding,
       d.datcollate AS collation, d.datctype AS ctype, d.datconnlimit AS connection_limit,
       coalesce(s.setconfig, '{}'::text[]) AS settings
  FROM pg_database d
  LEFT JOIN pg_db_role_setting s ON s.setdatabase = d.oid AND s.setrole = 0
