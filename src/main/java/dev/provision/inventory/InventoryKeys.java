package dev.provision.inventory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys the loader accepts in each kind of object, in one place, so that docs/inventory.md,
 * schema/inventory.schema.json and the loader cannot drift apart (a test compares them).
 *
 * <p>Each kind's name is also its {@code $defs} name in the JSON Schema; {@code inventory} is the root.
 * Maps whose keys are user-chosen names (hosts, containers, roles, databases, schemas, extensions,
 * settings) are not listed: their values are objects of the kinds below.
 */
public final class InventoryKeys {
    public static final String INVENTORY = "inventory";
    public static final String HOST = "host";
    public static final String CONTAINER = "container";
    public static final String IMAGE = "image";
    public static final String RESOURCES = "resources";
    public static final String NETWORK = "network";
    public static final String MOUNT = "mount";
    public static final String POSTGRES = "postgres";
    public static final String BACKUPS = "backups";
    public static final String RETENTION = "retention";
    public static final String SCHEDULE = "schedule";
    public static final String ENCRYPTION = "encryption";
    public static final String PACKAGE_SOURCE = "packageSource";
    public static final String HBA_RULE = "hbaRule";
    public static final String ROLE = "role";
    public static final String SECRET = "secret";
    public static final String DATABASE = "database";
    public static final String SCHEMA = "schema";
    public static final String EXTENSION = "extension";
    public static final String GRANT = "grant";
    public static final String GRANT_TARGET = "grantTarget";

    private static final Map<String, List<String>> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put(INVENTORY, List.of("hosts", "containers"));
        KEYS.put(HOST, List.of("transport", "address", "port", "user", "identity", "identity_passphrase", "become",
                "ssh_config", "known_hosts", "accept_new_host_key", "jump", "prepare", "base_max_age"));
        KEYS.put(CONTAINER, List.of("host", "image", "resources", "network", "autostart", "protected", "hostname",
                "mounts", "postgres"));
        KEYS.put(IMAGE, List.of("template", "distro", "release", "arch"));
        KEYS.put(RESOURCES, List.of("memory", "cpus"));
        KEYS.put(NETWORK, List.of("bridge", "ipv4", "gateway"));
        KEYS.put(MOUNT, List.of("source", "target", "read_only"));
        KEYS.put(POSTGRES, List.of("version", "package_source", "port", "listen_addresses", "settings", "hba", "roles", "databases",
                "backups"));
        KEYS.put(BACKUPS, List.of("repository", "retention", "schedule", "compression", "encryption"));
        KEYS.put(RETENTION, List.of("full", "days"));
        KEYS.put(SCHEDULE, List.of("full", "diff", "incr"));
        KEYS.put(ENCRYPTION, List.of("passphrase"));
        KEYS.put(PACKAGE_SOURCE, List.of("url", "key", "suite", "components"));
        KEYS.put(HBA_RULE, List.of("type", "database", "user", "address", "method"));
        KEYS.put(ROLE, List.of("login", "superuser", "createdb", "createrole", "replication", "connection_limit",
                "valid_until", "member_of", "password"));
        KEYS.put(SECRET, List.of("env", "file", "generate"));
        KEYS.put(DATABASE, List.of("owner", "encoding", "collation", "ctype", "template", "connection_limit",
                "settings", "schemas", "extensions", "sql", "migrations", "allow", "grants"));
        KEYS.put(SCHEMA, List.of("owner"));
        KEYS.put(EXTENSION, List.of("version", "schema"));
        KEYS.put(GRANT, List.of("role", "privileges", "on"));
        KEYS.put(GRANT_TARGET, List.of("database", "schema", "table", "sequence", "function", "tables_in",
                "sequences_in", "functions_in"));
    }

    private InventoryKeys() {}

    /** The keys accepted in objects of {@code kind}, in documentation order. */
    public static List<String> of(String kind) {
        List<String> keys = KEYS.get(kind);
        if (keys == null) {
            throw new IllegalArgumentException("unknown kind " + kind);
        }
        return keys;
    }

    /** Every kind of object, the root first. */
    public static Set<String> kinds() {
        return Collections.unmodifiableSet(KEYS.keySet());
    }
}
