package dev.provision.engine;

import com.fasterxml.jackson.annotation.JsonIgnoreType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.provision.diag.SourceRange;
import dev.provision.inventory.Container;
import dev.provision.inventory.Database;
import dev.provision.inventory.Grant;
import dev.provision.inventory.Inventory;
import dev.provision.inventory.Postgres;
import dev.provision.inventory.Role;
import dev.provision.inventory.SecretRef;
import dev.provision.inventory.Setting;
import dev.provision.plan.ResourceAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the inventory declares for one resource, as canonical JSON (attribute names as plans show them,
 * keys sorted, no source positions): the form provision records when it applies a resource and
 * compares with at the next plan ({@link dev.provision.plan.CauseRule}). It holds secret references,
 * never secret values. Resources whose inventory part is not one object (a database's schema objects,
 * whose files are recorded in the database itself) have none.
 */
public final class DesiredState {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .addMixIn(SourceRange.class, Positionless.class)
            .build();

    /** Source positions move when lines are added above; they are not part of what is declared. */
    @JsonIgnoreType
    private abstract static class Positionless {}

    private DesiredState() {}

    /** The declared state of the resource at {@code address}, if it is one the inventory declares as one object. */
    public static Optional<String> of(Inventory inventory, ResourceAddress address) {
        return of(inventory, address, (at, ref) -> Optional.empty());
    }

    /**
     * The declared state, with a role's {@code password_digest} when {@code digests} can tell the
     * secret's current value ({@link SecretDigest}): a new value of the same secret is an edit of the
     * desired state too.
     *
     * @param digests the digest of a secret's value for the resource at the given address, or empty
     */
    static Optional<String> of(Inventory inventory, ResourceAddress address,
            java.util.function.BiFunction<String, SecretRef, Optional<String>> digests) {
        String[] parts = address.path().split("\\.", -1);
        if (parts.length < 5 || !parts[0].equals("containers") || !parts[2].equals("postgres")) {
            return Optional.empty();
        }
        Container container = inventory.containers().get(parts[1]);
        Postgres postgres = container == null ? null : container.postgres();
        if (postgres == null) {
            return Optional.empty();
        }
        String rest = String.join(".", List.of(parts).subList(4, parts.length));
        return switch (parts[3]) {
            case "roles" -> Optional.ofNullable(postgres.roles().get(rest)).map(role -> role(role, address, digests));
            case "databases" -> database(postgres, parts);
            default -> Optional.empty();
        };
    }

    private static String role(Role role, ResourceAddress address,
            java.util.function.BiFunction<String, SecretRef, Optional<String>> digests) {
        Optional<String> digest = role.password() == null ? Optional.empty() : digests.apply(address.path(), role.password());
        if (digest.isEmpty()) {
            return json(role);
        }
        Map<String, Object> state = new TreeMap<>(JSON.convertValue(role, new TypeReference<Map<String, Object>>() {}));
        state.put("password_digest", digest.get());
        return json(state);
    }

    private static Optional<String> database(Postgres postgres, String[] parts) {
        Database db = postgres.databases().get(parts[4]);
        if (db == null) {
            return Optional.empty();
        }
        if (parts.length == 5) {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("owner", db.owner() == null ? "postgres" : db.owner());
            state.put("encoding", db.encoding());
            state.put("collation", db.collation());
            state.put("ctype", db.ctype());
            state.put("template", db.template());
            state.put("connection_limit", db.connectionLimit());
            Map<String, String> settings = new TreeMap<>();
            for (Setting setting : db.settings().values()) {
                settings.put(setting.name(), setting.value());
            }
            state.put("settings", settings);
            return Optional.of(json(state));
        }
        if (parts.length < 7) {
            return Optional.empty();
        }
        String name = String.join(".", List.of(parts).subList(6, parts.length));
        return switch (parts[5]) {
            case "schemas" -> Optional.ofNullable(db.schemas().get(name)).map(DesiredState::json);
            case "extensions" -> Optional.ofNullable(db.extensions().get(name)).map(DesiredState::json);
            case "grants" -> Optional.of(grants(db, name));
            default -> Optional.empty();
        };
    }

    /**
     * A grantee's grants, with the owners of what they name: privileges follow ownership (an owner holds
     * every privilege, default privileges are the owner's), so a new owner is an edit of the grants too.
     */
    private static String grants(Database db, String grantee) {
        List<Grant> grants = db.grants().stream().filter(g -> g.role().equals(grantee)).toList();
        String dbOwner = db.owner() == null ? "postgres" : db.owner();
        Map<String, String> owners = new TreeMap<>();
        owners.put("database " + db.name(), dbOwner);
        for (Grant grant : grants) {
            String name = grant.on().name();
            String schema = switch (grant.on().kind()) {
                case DATABASE -> null;
                case SCHEMA, TABLES_IN, SEQUENCES_IN, FUNCTIONS_IN -> name;
                case TABLE, SEQUENCE, FUNCTION -> name.contains(".") ? name.substring(0, name.indexOf('.')) : "public";
            };
            if (schema != null) {
                dev.provision.inventory.Schema declared = db.schemas().get(schema);
                owners.put("schema " + schema, declared == null || declared.owner() == null ? dbOwner : declared.owner());
            }
        }
        Map<String, Object> state = new TreeMap<>();
        state.put("grants", grants.stream().map(DesiredState::grant).sorted().toList());
        state.put("owners", owners);
        return json(state);
    }

    private static String grant(Grant grant) {
        return String.join(",", grant.privileges().stream().sorted().toList()) + " on " + grant.on().kind() + " "
                + grant.on().name();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the inventory's model cannot be written as JSON", e);
        }
    }
}
