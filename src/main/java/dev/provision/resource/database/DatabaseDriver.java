package dev.provision.resource.database;

import dev.provision.resource.SchemaObjectPlanner;

import dev.provision.connect.Connections;
import dev.provision.driver.Deferral;
import dev.provision.plan.Mode;
import dev.provision.driver.Parallel;
import dev.provision.plan.PlanningFailed;
import dev.provision.driver.ResourceDriver;
import dev.provision.plan.Targets;
import dev.provision.inventory.Container;
import dev.provision.inventory.Database;
import dev.provision.inventory.Grant;
import dev.provision.inventory.GrantTarget;
import dev.provision.inventory.Inventory;
import dev.provision.inventory.Postgres;
import dev.provision.inventory.Role;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.ResourceAddress;
import dev.provision.postgres.PostgresSession;
import dev.provision.postgres.PostgresSessions;
import dev.provision.postgres.PrefetchedSessions;
import dev.provision.postgres.PsqlReads;
import dev.provision.postgres.Read;
import dev.provision.postgres.SqlFailed;
import dev.provision.resource.ServerProbe;
import dev.provision.resource.ServerReads;
import dev.provision.secret.SecretResolver;
import dev.provision.transport.CommandResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import dev.provision.plan.UnmanagedResource;

/**
 * What each server holds: roles, databases, schemas, extensions, grants and default privileges. Per
 * server (several servers at once) it reads roles and databases in a few batched queries, then each
 * database in one round trip, and plans in dependency order: roles (groups before members), then per
 * database its creation or settings, schemas, extensions, the schema objects of its SQL files
 * ({@link SchemaObjectPlanner}), and privileges. Destroy plans nothing here: the container takes its
 * server with it.
 */
public final class DatabaseDriver implements ResourceDriver, ServerReads {
    /** Servers read at once, each through its own sessions, as the server driver reads them. */
    private static final int READERS = 6;
    private static final String MARKER = "@@provision-read";
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final ClusterReader clusterReader = new ClusterReader();
    private final CatalogReader catalogReader = new CatalogReader();
    private final PasswordChecker passwords;
    private final RolePlanner roles = new RolePlanner();
    private final AdminRolePlanner adminRole = new AdminRolePlanner();
    private final DatabasePlanner databases = new DatabasePlanner();
    private final SchemaPlanner schemas = new SchemaPlanner();
    private final GrantPlanner grants = new GrantPlanner();
    private final RemovalPlanner removals = new RemovalPlanner();
    private final SchemaObjectPlanner objects;
    private final boolean readAhead;
    private final ServerProbe serverProbe;

    public DatabaseDriver() {
        this(new SecretResolver(), SchemaObjectPlanner.NONE);
    }

    /** {@code objects} plans the databases' SQL files, between their schemas and their grants. */
    public DatabaseDriver(SecretResolver secrets, SchemaObjectPlanner objects) {
        this(secrets, objects, true);
    }

    /**
     * @param readAhead false: every read goes through an admin session, none is made ahead in the
     *     server's probe (to compare the two, or to rule reading ahead out when diagnosing a plan)
     */
    public DatabaseDriver(SecretResolver secrets, SchemaObjectPlanner objects, boolean readAhead) {
        this(secrets, objects, readAhead, ServerProbe.NONE);
    }

    /** @param serverProbe the server kind's probe, in whose psql session the reads ahead are made */
    public DatabaseDriver(SecretResolver secrets, SchemaObjectPlanner objects, boolean readAhead, ServerProbe serverProbe) {
        this.passwords = new PasswordChecker(secrets);
        this.objects = objects;
        this.readAhead = readAhead;
        this.serverProbe = serverProbe;
    }

    @Override
    public List<PlannedChange> plan(Inventory inventory, Connections connections, Targets targets, Mode mode,
            List<PlannedChange> earlier) {
        return plan(inventory, connections, targets, mode, earlier, found -> { });
    }

    @Override
    public List<PlannedChange> plan(Inventory inventory, Connections connections, Targets targets, Mode mode,
            List<PlannedChange> earlier, Consumer<UnmanagedResource> unmanaged) {
        if (mode == Mode.DESTROY) {
            return List.of();
        }
        List<PlannedChange> changes = new ArrayList<>();
        Parallel.map(servers(inventory, targets), READERS, c -> plan(c, connections, targets, earlier, unmanaged))
                .forEach(changes::addAll);
        return changes;
    }

    /** The psql script of {@link #reads}, which the server's probe runs in its session ({@link ServerReads}). */
    @Override
    public String script(Container container, Targets targets) {
        return !readAhead || servers(List.of(container), targets).isEmpty() ? ""
                : PsqlReads.script(reads(container, targets), MARKER);
    }

    /**
     * The queries a plan of {@code container}'s server makes when nothing changed, in the order they are
     * made: its roles, databases and passwords, then each targeted database's catalog and schema state.
     */
    List<Read> reads(Container container, Targets targets) {
        Postgres pg = container.postgres();
        Server server = Server.of(container.host(), container.name());
        List<Read> reads = new ArrayList<>(ClusterReader.reads(validUntil(pg)));
        List<String> passwords = PasswordChecker.checked(pg.roles().values());
        if (!passwords.isEmpty()) {
            reads.add(PostgresSession.passwordsRead(passwords));
        }
        for (Database db : pg.databases().values()) {
            if (targets.includes(server.database(db.name()))) {
                reads.add(CatalogReader.readOf(db.name(), GrantPlanner.schemasToRead(db), signatures(db)));
                reads.add(CatalogReader.schemaNamesOf(db.name()));
                reads.addAll(objects.reads(db));
            }
        }
        return reads;
    }

    /**
     * The server's sessions for this plan, answering from its reads made ahead; a read that was not
     * answered (the server is down, the database is new) goes to the server through a real session.
     */
    private PostgresSessions readAhead(Container container, Connections connections, Targets targets) {
        List<Read> reads = reads(container, targets);
        Map<String, List<Map<String, Object>>> answers = Map.of();
        try {
            CommandResult result = connections.probes().run(serverProbe.of(container, PsqlReads.script(reads, MARKER)), READ_TIMEOUT);
            if (result.succeeded()) {
                answers = PsqlReads.parse(result.stdout(), reads, MARKER);
            }
        } catch (RuntimeException e) {
            // reading ahead is only a shortcut: the real sessions read, and report, what it could not
        }
        return new PrefetchedSessions(connections.postgres(), answers);
    }

    private static List<String> validUntil(Postgres pg) {
        return pg.roles().values().stream().map(Role::validUntil).filter(Objects::nonNull).distinct().toList();
    }

    private static List<Container> servers(Inventory inventory, Targets targets) {
        return servers(inventory.containers().values(), targets);
    }

    /**
     * The containers with a server, and targeted: also those that declare no role or database, since what
     * provision created there and the inventory no longer declares is removed.
     */
    private static List<Container> servers(Collection<Container> containers, Targets targets) {
        return containers.stream()
                .filter(c -> c.postgres() != null)
                .filter(c -> targets.includes(Server.of(c.host(), c.name()).address()))
                .toList();
    }

    private List<PlannedChange> plan(Container container, Connections connections, Targets targets, List<PlannedChange> earlier,
            Consumer<UnmanagedResource> unmanaged) {
        Server server = Server.of(container.host(), container.name());
        ResourceAddress containerAddress = ResourceAddress.of("containers", container.name());
        if (Deferral.deferred(earlier, server.address())) {
            return List.of(); // the whole server waits for its container; its roles and databases with it
        }
        try {
            boolean absent = serverAbsent(earlier, container.name());
            return plan(server, container.postgres(), absent || !readAhead || !connections.tunnelled() ? connections.postgres()
                    : readAhead(container, connections, targets), targets, absent, unmanaged);
        } catch (PlanningFailed | SqlFailed e) {
            if (Deferral.pending(earlier, containerAddress)) {
                return List.of(Deferral.of(earlier, containerAddress, server.address().child("databases"),
                        "its roles and databases cannot be read yet (" + e.getMessage().lines().findFirst().orElse("") + ")"));
            }
            throw new PlanningFailed("reading the roles and databases of " + server.address() + " failed: " + e.getMessage());
        }
    }

    /** Plans one server; {@code absent}: it is installed by this plan, so everything is created. */
    List<PlannedChange> plan(Server server, Postgres pg, PostgresSessions sessions, Targets targets, boolean absent) {
        return plan(server, pg, sessions, targets, absent, found -> { });
    }

    /**
     * Plans one server, in dependency order: roles, then per declared database its own changes and the
     * removal of what it no longer declares, then the removal of databases and roles no longer declared,
     * then the adoption of declared objects provision has not recorded; tells {@code unmanaged} the rest.
     */
    List<PlannedChange> plan(Server server, Postgres pg, PostgresSessions sessions, Targets targets, boolean absent,
            Consumer<UnmanagedResource> unmanaged) {
        Map<String, RemovalPlanner.Contents> contents = new java.util.HashMap<>();
        ClusterState cluster = ClusterState.empty();
        Map<String, PasswordStatus> status = Map.of();
        if (!absent) {
            PostgresSession session = sessions.open(server.container(), null);
            cluster = clusterReader.read(session, validUntil(pg));
            status = passwords.check(session, pg.roles().values(), cluster);
        }
        List<PlannedChange> changes = new ArrayList<>();
        adminRole.plan(server, cluster).ifPresent(changes::add);
        changes.addAll(roles.plan(server, pg.roles().values(), cluster, status));
        for (Database db : pg.databases().values()) {
            if (!targets.includes(server.database(db.name()))) {
                continue;
            }
            DatabasePlanner.Outcome outcome = databases.plan(server, db, cluster);
            outcome.change().ifPresent(changes::add);
            PostgresSession session = outcome.fresh() ? null : sessions.open(server.container(), db.name());
            DatabaseCatalog catalog = outcome.fresh()
                    ? DatabaseCatalog.fresh(db.name(), DatabasePlanner.owner(db))
                    : catalogReader.read(session, GrantPlanner.schemasToRead(db), signatures(db));
            changes.addAll(schemas.plan(server, db, catalog));
            SchemaObjectPlanner.Result sql = objects.plan(server.host(), server.container(), db, outcome.fresh() ? null : sessions);
            changes.addAll(sql.changes());
            catalog = catalog.withCreated(sql.created().stream().map(DbObject::of).toList(),
                    schema -> DesiredPrivileges.creator(db, schema));
            changes.addAll(grants.plan(server, db, catalog, outcome.fresh(), pg.roles().keySet(), cluster.roles().keySet()));
            if (!outcome.fresh()) {
                RemovalPlanner.Contents inside = new RemovalPlanner.Contents(catalogReader.schemaNames(session),
                        catalog.extensions().keySet());
                contents.put(db.name(), inside);
                changes.addAll(removals.withinDatabase(server, db, cluster, inside));
            }
        }
        if (!absent) {
            changes.addAll(removals.cluster(server, pg, cluster));
            if (targets.includes(server.address().child("ownership"))) {
                removals.adopt(server, pg, cluster, contents).ifPresent(changes::add);
            }
            removals.unmanaged(server, pg, cluster, contents).stream().filter(u -> targets.includes(u.address()))
                    .forEach(unmanaged);
        }
        return changes.stream().filter(c -> targets.includes(c.address())).toList();
    }

    private static List<String> signatures(Database db) {
        return db.grants().stream().map(Grant::on).filter(on -> on.kind() == GrantTarget.Kind.FUNCTION)
                .map(GrantTarget::name).distinct().toList();
    }

    /** The container or its server is created (or replaced) by an earlier change: there is nothing to read yet. */
    private static boolean serverAbsent(List<PlannedChange> earlier, String container) {
        // Not the admin role's bootstrap: a server whose admin access is missing still has its databases.
        ResourceAddress containerAddress = ResourceAddress.of("containers", container);
        return Deferral.created(earlier, containerAddress) || Deferral.created(earlier, containerAddress.child("postgres"));
    }
}
