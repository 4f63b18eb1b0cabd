package dev.provision.resource.database;

import java.util.Map;

/** A database as {@code pg_database} and {@code pg_db_role_setting} have it; settings are those for every role. */
record DatabaseState(
        String name,
        String owner,
        String encoding,
        String collation,
        String ctype,
        int connectionLimit,
        Map<String, String> settings) {

    DatabaseState {
        settings = Map.copyOf(settings);
    }
}
