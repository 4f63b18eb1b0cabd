package dev.provision.engine;

import dev.provision.inventory.Container;
import dev.provision.inventory.Database;
import dev.provision.inventory.Grant;
import dev.provision.inventory.Host;
import dev.provision.inventory.Inventory;
import dev.provision.inventory.Postgres;
import dev.provision.plan.AdminAccess;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every address a plan of an inventory can name, in inventory order, and the shapes an address of
 * any resource has, so that a {@code --target} can be checked before anything is contacted.
 */
public final class AddressCatalog {
    /** The server's own parts, as {@code containers.NAME.postgres.PART}. */
    private static final List<String> SERVER_PARTS = List.of("locales", "alter_system", "admin", "service", "config");
    private static final List<String> BACKUP_PARTS = List.of("config", "repository", "stanza", "full", "archiving");

    /**
     * The shapes of every address, {@code *} standing for a name; a trailing {@code *} takes the rest
     * of the address, as a role or schema name may hold a dot.
     */
    private static final List<List<String>> SHAPES = shapes();

    private final Set<String> addresses;

    private AddressCatalog(Set<String> addresses) {
        this.addresses = Collections.unmodifiableSet(addresses);
    }

    public static AddressCatalog of(Inventory inventory) {
        Set<String> all = new LinkedHashSet<>();
        for (Host host : inventory.hosts().values()) {
            String h = "hosts." + host.name();
            all.add(h);
            all.add(h + ".lxc");
            inventory.containers().values().stream().filter(c -> c.host().equals(host.name()))
                    .map(c -> c.network().bridge()).distinct().forEach(bridge -> {
                        all.add(h + ".bridge." + bridge);
                        all.add(h + ".forward." + bridge);
                    });
        }
        for (Container container : inventory.containers().values()) {
            String c = "containers." + container.name();
            all.add(c);
            Postgres postgres = container.postgres();
            if (postgres == null) {
                continue;
            }
            String server = c + ".postgres";
            all.add(server);
            SERVER_PARTS.forEach(part -> all.add(server + "." + part));
            if (postgres.backups() != null) {
                all.add(server + ".backups");
                BACKUP_PARTS.forEach(part -> all.add(server + ".backups." + part));
            }
            postgres.roles().keySet().forEach(role -> all.add(server + ".roles." + role));
            for (Database db : postgres.databases().values()) {
                String d = server + ".databases." + db.name();
                all.add(d);
                db.schemas().keySet().forEach(schema -> all.add(d + ".schemas." + schema));
                db.extensions().keySet().forEach(extension -> all.add(d + ".extensions." + extension));
                if (!db.sql().isEmpty() || !db.migrations().isEmpty()) {
                    all.add(d + ".objects");
                }
                Set<String> grantees = new LinkedHashSet<>(postgres.roles().keySet());
                db.grants().stream().map(Grant::role).forEach(grantees::add);
                grantees.remove("postgres");
                grantees.remove(AdminAccess.ROLE);
                grantees.forEach(grantee -> all.add(d + ".grants." + grantee));
            }
        }
        return new AddressCatalog(all);
    }

    /** Every address, in inventory order. */
    public List<String> addresses() {
        return List.copyOf(addresses);
    }

    /** True when {@code path} is one of the addresses, or a group of them such as {@code containers.db.postgres.roles}. */
    public boolean declares(String path) {
        return addresses.contains(path) || addresses.stream().anyMatch(a -> a.startsWith(path + "."));
    }

    /** True when some resource could have this address (it has the shape of one, or of a group of them). */
    public static boolean possible(String path) {
        if (path.isEmpty() || path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
            return false;
        }
        String[] segments = path.split("\\.");
        return SHAPES.stream().anyMatch(shape -> matches(shape, segments));
    }

    private static boolean matches(List<String> shape, String[] segments) {
        for (int i = 0; i < segments.length; i++) {
            if (i >= shape.size()) {
                return false;
            }
            String expected = shape.get(i);
            if (expected.equals("*") && i == shape.size() - 1) {
                return true; // the last name takes the rest
            }
            if (!expected.equals("*") && !expected.equals(segments[i])) {
                return false;
            }
        }
        return true;
    }

    private static List<List<String>> shapes() {
        List<List<String>> shapes = new ArrayList<>(List.of(
                List.of("hosts", "*", "lxc"),
                List.of("hosts", "*", "bridge", "*"),
                List.of("hosts", "*", "forward", "*"),
                List.of("containers", "*", "postgres", "roles", "*"),
                List.of("containers", "*", "postgres", "databases", "*", "grants", "*"),
                List.of("containers", "*", "postgres", "databases", "*", "schemas", "*"),
                List.of("containers", "*", "postgres", "databases", "*", "extensions", "*"),
                List.of("containers", "*", "postgres", "databases", "*", "objects"),
                // what provision removes once no longer declared: a per-database setting reset, its bookkeeping
                List.of("containers", "*", "postgres", "databases", "*", "settings", "*"),
                List.of("containers", "*", "postgres", "ownership")));
        SERVER_PARTS.forEach(part -> shapes.add(List.of("containers", "*", "postgres", part)));
        shapes.add(List.of("containers", "*", "postgres", "backups"));
        BACKUP_PARTS.forEach(part -> shapes.add(List.of("containers", "*", "postgres", "backups", part)));
        return List.copyOf(shapes);
    }
}
