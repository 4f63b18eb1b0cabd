package dev.provision.inventory;

import java.util.Set;

/** Roles every PostgreSQL 15 server has, which the inventory may reference without declaring. */
final class BuiltinRoles {
    /** The bootstrap superuser, through which provision administers the server. */
    static final String ADMIN = "postgres";

    /** The role provision connects as (see {@code AdminAccess}); never declared, never touched by plans. */
    static final String PROVISION_ADMIN = "provision_admin";

    static final Set<String> PREDEFINED = Set.of("pg_database_owner", "pg_read_all_data", "pg_write_all_data",
            "pg_monitor", "pg_read_all_settings", "pg_read_all_stats", "pg_stat_scan_tables", "pg_read_server_files",
            "pg_write_server_files", "pg_execute_server_program", "pg_signal_backend", "pg_checkpoint");

    /** Names PostgreSQL reserves, which cannot be role names. */
    static final Set<String> RESERVED = Set.of("public", "none", "current_user", "session_user", "current_role");

    private BuiltinRoles() {}

    static boolean exists(String name) {
        return ADMIN.equals(name) || PREDEFINED.contains(name);
    }
}
