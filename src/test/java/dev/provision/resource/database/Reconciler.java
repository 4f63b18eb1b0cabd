package dev.provision.resource.database;

import dev.provision.apply.Applier;
import dev.provision.apply.ApplyListener;
import dev.provision.connect.Connections;
import dev.provision.engine.Engine;
import dev.provision.plan.Mode;
import dev.provision.plan.Targets;
import dev.provision.inventory.Inventory;
import dev.provision.testing.TestInventory;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedChange;
import dev.provision.postgres.PostgresSessions;
import dev.provision.testing.PostgresServer;
import dev.provision.transport.local.LocalTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Plans and applies an inventory's database contents against a test server with the real engine and
 * applier; only the admin sessions differ from production (direct, not through an SSH tunnel).
 */
final class Reconciler {
    private final PostgresServer server;
    private final Engine engine;
    private final String records = records();

    Reconciler(PostgresServer server) {
        this(server, new DatabaseDriver());
    }

    Reconciler(PostgresServer server, DatabaseDriver driver) {
        this.server = server;
        // each reconciler keeps its own record of what it applied: tests share this machine
        this.engine = new Engine(List.of(driver), records);
    }

    /** An inventory with one container {@code db} on a local host, whose postgres section is {@code postgres}. */
    static Inventory inventory(Path dir, String postgres) {
        String yaml = """
                hosts:
                  local: { transport: local }
                containers:
                  db:
                    host: local
                    image: { template: debian, release: bookworm }
                    resources: { memory: 1GiB, cpus: 1 }
                    network: { bridge: lxcbr0, ipv4: dhcp }
                    postgres:
                      version: 15
                """ + postgres.indent(6);
        return load(dir, yaml);
    }

    static Inventory load(Path dir, String yaml) {
        return TestInventory.load(dir, yaml);
    }

    /** Where this reconciler's engine keeps its record of what it applied. */
    String recordsDirectory() {
        return records;
    }

    Plan plan(Inventory inventory) {
        return plan(inventory, server.sessions());
    }

    /** Plans with the admin sessions {@code sessions} (a counting wrapper, say). */
    Plan plan(Inventory inventory, PostgresSessions sessions) {
        try (Connections connections = new Connections(inventory, (host, hosts) -> new LocalTransport(), sessions)) {
            return engine.plan(inventory, connections, Targets.all(), Mode.APPLY);
        }
    }

    void apply(Inventory inventory, Plan plan) {
        try (Connections connections = connections(inventory)) {
            new Applier(connections, new ApplyListener() { }).apply(plan);
        }
    }

    /** Plans, applies, and returns the plan that was applied. */
    Plan converge(Inventory inventory) {
        Plan plan = plan(inventory);
        apply(inventory, plan);
        return plan;
    }

    private static String records() {
        try {
            Path dir = Files.createTempDirectory("provision-applied");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            return dir.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    static List<String> addresses(Plan plan) {
        return plan.changes().stream().map(c -> c.address().path().replace("containers.db.postgres.", "")).toList();
    }

    /** The change's SQL, without provision's record of what it owns ({@link #bookkeeping}). */
    static List<String> statements(PlannedChange change) {
        return change.steps().stream().filter(s -> s instanceof dev.provision.plan.Step.Sql)
                .flatMap(s -> ((dev.provision.plan.Step.Sql) s).statements().stream()).filter(s -> !isBookkeeping(s)).toList();
    }

    /** The change's statements on provision's ownership table (the record of what it created). */
    static List<String> bookkeeping(PlannedChange change) {
        return change.steps().stream().filter(s -> s instanceof dev.provision.plan.Step.Sql)
                .flatMap(s -> ((dev.provision.plan.Step.Sql) s).statements().stream()).filter(Reconciler::isBookkeeping).toList();
    }

    private static boolean isBookkeeping(String statement) {
        return statement.contains("\"provision\".\"owned\"") || statement.equals("CREATE SCHEMA IF NOT EXISTS \"provision\"");
    }

    private Connections connections(Inventory inventory) {
        PostgresSessions sessions = server.sessions();
        return new Connections(inventory, (host, hosts) -> new LocalTransport(), sessions);
    }
}
