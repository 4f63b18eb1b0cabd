package dev.provision.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provision.json.PlanSchema;
import dev.provision.testbed.LxcHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Many runs on one real LXC host at once, each a separate provision process: plans of one schema change
 * never break one another (their scratch databases are their own, a killed run's are dropped), a
 * container another run holds is refused at once (naming the holder and the exact force-unlock command)
 * or waited for with --lock-timeout, plan reports a stale lock without taking it, a plan made while an
 * apply changes a container says it may be stale (text and JSON) and shows the state before that apply's
 * change, and four applies of
 * four containers with four plans, all started within one second, all succeed and leave nothing behind.
 */
@Testcontainers
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConcurrencyIT {
    private static final List<String> NAMES = List.of("c1", "c2", "c3", "c4");
    private static final String TABLE = "CREATE TABLE public.events (id bigint PRIMARY KEY, body text);\n";
    private static final Duration BOUND = Duration.ofMinutes(10);

    @Container
    static final LxcHost HOST = new LxcHost();

    @TempDir
    static Path dir;

    private static final ExecutorService RUNNERS = Executors.newFixedThreadPool(8);

    @AfterAll
    static void stopRunners() {
        RUNNERS.shutdownNow();
    }

    /** Writes the inventory: each container has role app (and {@code roles} more) and database app from its SQL file. */
    private static Path inventory(String... roles) {
        StringBuilder containers = new StringBuilder("containers:\n");
        for (String name : NAMES) {
            StringBuilder declared = new StringBuilder("app: { login: false }");
            for (String role : roles) {
                declared.append(", ").append(role).append(": { login: false }");
            }
            containers.append("""
                      %s:
                        host: bed
                        image: { template: debian, release: bookworm }
                        resources: { memory: 512MiB, cpus: 1 }
                        postgres:
                          version: 15
                          roles: { %s }
                          databases:
                            app: { owner: app, sql: [schema/%s.sql] }
                    """.formatted(name, declared, name));
        }
        return TestBedInventory.write(dir, HOST, containers.toString());
    }

    private static void sql(String container, String text) {
        try {
            Files.createDirectories(dir.resolve("schema"));
            Files.writeString(dir.resolve("schema").resolve(container + ".sql"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code sql} in the maintenance database of {@code container}'s server. */
    private static String psql(String container, String sql) {
        return psql(container, "postgres", sql);
    }

    private static String psql(String container, String database, String sql) {
        return HOST.exec("lxc-attach", "-n", container, "--", "sh", "-c",
                "cd / && runuser -u postgres -- psql -XAt -d " + database + " -c \"" + sql + "\"").strip();
    }

    private static String scratchDatabases(String container) {
        // the cached shadow of the desired state (provision_shadow_<hash>_cache) is kept on purpose
        return psql(container, "select string_agg(datname, ',') from pg_database where datname like 'provision%'"
                + " and datname not like '%\\_cache'");
    }

    private static String[] args(Path inventory, String command, String... options) {
        List<String> all = new ArrayList<>(List.of(command, "-i", inventory.toString(), "--no-color"));
        all.addAll(List.of(options));
        return all.toArray(String[]::new);
    }

    /** Starts each command as its own provision process, all released together; returns their runs and start times. */
    private static List<Timed> together(List<String[]> commands) throws Exception {
        CyclicBarrier start = new CyclicBarrier(commands.size());
        List<CompletableFuture<Timed>> runs = new ArrayList<>();
        for (String[] command : commands) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                Instant started = Instant.now();
                Cli.Run run = Jar.run(Map.of(), command);
                return new Timed(String.join(" ", command), started, Instant.now(), run);
            }, RUNNERS));
        }
        List<Timed> done = new ArrayList<>();
        for (CompletableFuture<Timed> run : runs) {
            done.add(run.get(BOUND.toSeconds(), TimeUnit.SECONDS));
        }
        return done;
    }

    private record Timed(String command, Instant started, Instant ended, Cli.Run run) {}

    private static void plant(String scope, String owner) {
        HOST.exec("sh", "-c", "mkdir -p /var/lib/provision/locks/$1 && printf '%s\\n' \"$2\" > /var/lib/provision/locks/$1/owner",
                "plant", scope, owner);
    }

    @Test
    @Order(1)
    void fourServersAreBuilt() {
        NAMES.forEach(name -> sql(name, TABLE));
        Cli.Run apply = new Cli(inventory()).run("apply", "--auto-approve");
        assertThat(apply.exitCode()).as("%s", apply).isZero();
        new Cli(inventory()).assertConverged();
    }

    @Test
    @Order(2)
    void concurrentPlansOfOneSchemaChangeAllSucceedAndAKilledRunsScratchDatabaseIsDropped() throws Exception {
        Path inventory = inventory();
        String leftover = "provision_shadow_0123456789ab_0000002a_"
                + Long.toString(Instant.now().minus(Duration.ofHours(1)).getEpochSecond(), 36) + "_beef";
        psql("c1", "CREATE DATABASE " + leftover);
        sql("c1", TABLE + "CREATE INDEX events_body ON public.events (body);\n");
        try {
            String[] plan = args(inventory, "plan", "--detailed-exitcode", "--show-commands", "--target", "containers.c1", "--json");
            List<Timed> plans = together(List.of(plan, plan, plan, plan));

            StringBuilder notes = new StringBuilder();
            List<JsonNode> jsonNotes = new ArrayList<>();
            for (Timed timed : plans) {
                Cli.Run run = timed.run();
                assertThat(run.exitCode()).as("each plan succeeds and finds the change:\n%s", run).isEqualTo(2);
                assertThat(run.err()).as("%s", run).contains("CREATE INDEX events_body");
                assertThat(PlanSchema.problems(run.out())).as("the --json document conforms:\n%s", run.out()).isEmpty();
                notes.append(run.err());
                PlanSchema.parse(run.out()).path("notes").forEach(jsonNotes::add);
            }
            assertThat(notes).as("the killed run's scratch database is dropped, and a plan says so")
                    .contains("dropped scratch database " + leftover + ", left by a run that no longer exists");
            assertThat(jsonNotes).as("... in its --json document too").anySatisfy(note -> {
                assertThat(note.path("kind").asText()).isEqualTo("scratch-database-dropped");
                assertThat(note.path("address").asText()).isEqualTo("containers.c1.postgres");
                assertThat(note.path("message").asText()).contains(leftover);
            });
            assertThat(scratchDatabases("c1")).as("no scratch database is left, the killed run's included").isEmpty();
        } finally {
            sql("c1", TABLE);
        }
    }

    @Test
    @Order(3)
    void planReportsAStaleLockWithoutTakingItAndAConflictingApplyFailsAtOnceNamingTheHolder() throws Exception {
        Path inventory = inventory();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String stale = "provision pid " + gone.pid() + " on " + InetAddress.getLocalHost().getHostName() + " since 2026-11-27T10:00:00Z";
        plant("container.c2", stale);

        Cli.Run plan = new Cli(inventory).run("plan", "--json");
        assertThat(plan.exitCode()).as("%s", plan).isZero();
        assertThat(plan.err()).as("plan reports the stale lock and the exact command that releases it:\n%s", plan)
                .contains("container c2 on host bed is locked by a run that no longer exists (provision pid " + gone.pid(),
                        "provision force-unlock -i " + inventory + " containers.c2");
        JsonNode staleNote = PlanSchema.parse(plan.out()).path("notes").path(0);
        assertThat(staleNote.path("kind").asText()).as("the --json document has it:\n%s", plan.out()).isEqualTo("stale-lock");
        assertThat(staleNote.path("holder").asText()).isEqualTo(stale);
        assertThat(staleNote.path("command").asText()).isEqualTo("provision force-unlock -i " + inventory + " containers.c2");
        assertThat(HOST.execResult("cat", "/var/lib/provision/locks/container.c2/owner")).as("plan did not take or release it")
                .contains(stale);

        HOST.exec("lxc-stop", "-n", "c2");
        Cli.Run releasing = new Cli(inventory).run("apply", "--auto-approve", "--json", "--target", "containers.c2");
        assertThat(releasing.exitCode()).as("%s", releasing).isZero();
        List<String> kinds = new ArrayList<>();
        PlanSchema.parse(releasing.out()).path("notes").forEach(note -> kinds.add(note.path("kind").asText()));
        assertThat(kinds).as("apply notes the stale lock, then releases it and says so, in --json too:\n%s", releasing)
                .containsExactly("stale-lock", "stale-lock-released");
        assertThat(releasing.err()).contains("released the lock on container c2 on host bed left by a run that was killed");

        plant("container.c2", "provision pid 4242 on elsewhere since 2026-11-27T10:00:00Z");
        HOST.exec("lxc-stop", "-n", "c2");
        Instant started = Instant.now();
        Cli.Run blocked = new Cli(inventory).run("apply", "--auto-approve", "--target", "containers.c2");

        assertThat(blocked.exitCode()).as("%s", blocked).isEqualTo(1);
        assertThat(Duration.between(started, Instant.now())).as("without --lock-timeout it fails at once")
                .isLessThan(Duration.ofSeconds(20));
        String unlock = "provision force-unlock -i " + inventory + " containers.c2";
        assertThat(blocked.err()).as("names the holder and the exact command, -i included:\n%s", blocked)
                .contains("container c2 on host bed is locked by another run (provision pid 4242 on elsewhere", unlock,
                        "--lock-timeout");
        assertThat(HOST.exec("lxc-info", "-n", "c2", "-sH").strip()).as("nothing was changed").isEqualTo("STOPPED");

        Cli.Run released = Jar.run(Map.of(), unlock.substring("provision ".length()).split(" "));
        assertThat(released.out()).as("the printed command works as printed:\n%s", released)
                .contains("Released the lock on container c2 on host bed held by: provision pid 4242 on elsewhere");
        Cli.Run apply = new Cli(inventory).run("apply", "--auto-approve", "--target", "containers.c2");
        assertThat(apply.exitCode()).as("%s", apply).isZero();
        assertThat(HOST.exec("sh", "-c", "ls -A /var/lib/provision/locks").strip()).as("no lock left").isEmpty();
    }

    @Test
    @Order(4)
    void withLockTimeoutApplyWaitsForTheHolderThenProceeds() throws Exception {
        Path inventory = inventory();
        plant("container.c3", "provision pid 4242 on elsewhere since 2026-11-27T10:00:00Z");
        HOST.exec("lxc-stop", "-n", "c3");

        CompletableFuture<Cli.Run> waiting = CompletableFuture.supplyAsync(() -> Jar.run(Map.of(),
                args(inventory, "apply", "--auto-approve", "--target", "containers.c3", "--lock-timeout", "2m")), RUNNERS);
        Thread.sleep(6_000);
        assertThat(waiting).as("still waiting for the lock").isNotDone();
        assertThat(HOST.exec("lxc-info", "-n", "c3", "-sH").strip()).as("nothing changed while it waits").isEqualTo("STOPPED");
        HOST.exec("rm", "-rf", "/var/lib/provision/locks/container.c3");
        Cli.Run apply = waiting.get(BOUND.toSeconds(), TimeUnit.SECONDS);

        assertThat(apply.exitCode()).as("%s", apply).isZero();
        assertThat(apply.out() + apply.err()).as("the progress line names the holder:\n%s", apply)
                .contains("Waiting for the lock on container c3 on host bed, held by provision pid 4242 on elsewhere");
        assertThat(HOST.exec("lxc-info", "-n", "c3", "-sH").strip()).as("then it applied").isEqualTo("RUNNING");
    }

    @Test
    @Order(5)
    void aPlanMadeWhileAnApplyChangesTheContainerSaysItMayBeStaleAndShowsTheStateBeforeTheApply() throws Exception {
        Path inventory = inventory("reader");
        String[] hold = {"lxc-attach", "-n", "c4", "--", "env", "PGAPPNAME=test-holds-pg_authid", "runuser", "-u", "postgres",
                "--", "psql", "-X", "-c", "BEGIN; LOCK TABLE pg_authid IN EXCLUSIVE MODE; SELECT pg_sleep(900)"};
        // the test's session holds pg_authid so that no role can be created, while every read of it goes on
        CompletableFuture<String> holder = CompletableFuture.supplyAsync(() -> HOST.execResult(hold), RUNNERS);
        CompletableFuture<Cli.Run> apply = null;
        try {
            await("the test's session holds pg_authid", () -> {
                assertThat(holder).as("the holding session is still open: %s", holder.getNow("")).isNotDone();
                return psql("c4", "select count(*) from pg_locks l join pg_stat_activity a using (pid)"
                        + " where a.application_name = 'test-holds-pg_authid' and l.relation = 'pg_authid'::regclass"
                        + " and l.granted").equals("1");
            });
            apply = CompletableFuture.supplyAsync(() -> Jar.run(Map.of(),
                    args(inventory, "apply", "--auto-approve", "--target", "containers.c4")), RUNNERS);
            CompletableFuture<Cli.Run> running = apply;
            await("apply holds c4's lock and waits at its CREATE ROLE", () -> {
                assertThat(running).as("apply is still running").isNotDone();
                return HOST.execResult("sh", "-c", "cat /var/lib/provision/locks/container.c4/owner 2>/dev/null").startsWith("provision pid ")
                        && psql("c4", "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                                + " and query like '%CREATE ROLE %reader%'").equals("1");
            });
            String owner = HOST.exec("cat", "/var/lib/provision/locks/container.c4/owner").strip();

            Cli.Run plan = Jar.run(Map.of(), args(inventory, "plan", "--detailed-exitcode", "--json", "--target", "containers.c4"));

            assertThat(plan.exitCode()).as("the plan succeeds while the apply runs, and finds the role still to create:\n%s", plan)
                    .isEqualTo(2);
            String unlock = "provision force-unlock -i " + inventory + " containers.c4";
            assertThat(plan.err()).as("it says it read what another run is changing, naming the run, and may be stale:\n%s", plan)
                    .contains("note: container c4 on host bed is locked by another run (" + owner,
                            "what this plan read may be out of date once that run ends; plan again then");
            assertThat(PlanSchema.problems(plan.out())).as("the --json document conforms:\n%s", plan.out()).isEmpty();
            JsonNode document = PlanSchema.parse(plan.out());
            JsonNode notes = document.path("notes");
            assertThat(notes).as("the note is in the JSON document too:\n%s", plan.out()).hasSize(1);
            assertThat(notes.path(0).path("kind").asText()).isEqualTo("locked-by-another-run");
            assertThat(notes.path(0).path("host").asText()).isEqualTo("bed");
            assertThat(notes.path(0).path("address").asText()).isEqualTo("containers.c4");
            assertThat(notes.path(0).path("holder").asText()).as("the holder, as the lock names it").isEqualTo(owner);
            assertThat(notes.path(0).path("command").asText()).as("the exact force-unlock command").isEqualTo(unlock);
            List<String> changes = new ArrayList<>();
            document.at("/plan/changes").forEach(c -> changes.add(c.path("action").asText() + " " + c.path("address").asText()));
            assertThat(changes).as("a consistent state: the one change the apply has not made yet, and nothing half-made")
                    .containsExactly("create containers.c4.postgres.roles.reader");
            assertThat(HOST.exec("cat", "/var/lib/provision/locks/container.c4/owner").strip())
                    .as("plan neither took nor released the apply's lock").isEqualTo(owner);
            assertThat(apply).as("the apply still waits").isNotDone();
        } finally {
            psql("c4", "select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'test-holds-pg_authid'");
            holder.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        }
        Cli.Run applied = apply.get(BOUND.toSeconds(), TimeUnit.SECONDS);
        assertThat(applied.exitCode()).as("the apply goes on once pg_authid is free:\n%s", applied).isZero();
        assertThat(psql("c4", "select count(*) from pg_roles where rolname = 'reader'")).as("it created the role").isEqualTo("1");
        Cli.Run after = Jar.run(Map.of(), args(inventory, "plan", "--detailed-exitcode", "--json", "--target", "containers.c4"));
        assertThat(after.exitCode()).as("%s", after).isZero();
        assertThat(PlanSchema.parse(after.out()).path("notes")).as("no lock is held now, so no note:\n%s", after).isEmpty();
    }

    /** Waits, up to {@link #BOUND}, until {@code condition} holds; a condition, never a guessed delay. */
    private static void await(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        Instant deadline = Instant.now().plus(BOUND);
        while (!condition.call()) {
            assertThat(Instant.now()).as("%s, within %s", what, BOUND).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    @Test
    @Order(6)
    void fourAppliesOfFourContainersAndFourPlansAllStartedTogetherAllSucceedAndLeaveNothingBehind() throws Exception {
        // the same eight runs one after another, for comparison: each container gets an index and a role
        NAMES.forEach(name -> sql(name, TABLE + "CREATE INDEX events_body ON public.events (body);\n"));
        Path second = inventory("reader");
        Instant sequentialStart = Instant.now();
        for (String[] command : commands(second)) {
            Cli.Run run = Jar.run(Map.of(), command);
            assertThat(run.exitCode()).as("%s", run).isIn(0, 2);
        }
        Duration sequential = Duration.between(sequentialStart, Instant.now());
        new Cli(second).assertConverged();

        NAMES.forEach(name -> sql(name, TABLE + "CREATE INDEX events_body ON public.events (body);\n"
                + "CREATE INDEX events_id_body ON public.events (id, body);\n"));
        Path third = inventory("reader", "writer");
        Instant concurrentStart = Instant.now();
        List<Timed> runs = together(commands(third));
        Duration concurrent = Duration.between(concurrentStart, Instant.now());

        Instant first = runs.stream().map(Timed::started).min(Instant::compareTo).orElseThrow();
        Instant last = runs.stream().map(Timed::started).max(Instant::compareTo).orElseThrow();
        assertThat(Duration.between(first, last)).as("all eight started within one second").isLessThan(Duration.ofSeconds(1));
        for (Timed timed : runs) {
            Cli.Run run = timed.run();
            if (timed.command().startsWith("apply ")) {
                assertThat(run.exitCode()).as("each apply succeeds:\n%s\n%s", timed.command(), run).isZero();
                assertThat(run.out() + run.err()).as("applies of different containers run side by side, none waits for"
                        + " another's lock:\n%s\n%s", timed.command(), run).doesNotContain("Waiting for the lock");
            } else {
                assertThat(run.exitCode()).as("each plan succeeds (changes or none):\n%s\n%s", timed.command(), run).isIn(0, 2);
            }
            assertThat(run.err()).as("no run was broken by another:\n%s", run)
                    .doesNotContain("terminating connection", "connection has been closed");
        }
        System.out.printf("ConcurrencyIT: 4 applies (4 containers) + 4 plans: one after another %.1f s, started together %.1f s%n",
                sequential.toMillis() / 1000.0, concurrent.toMillis() / 1000.0);

        for (String name : NAMES) {
            assertThat(scratchDatabases(name)).as("no scratch database left in %s", name).isEmpty();
            assertThat(psql(name, "app", "select count(*) from pg_indexes where indexname = 'events_id_body'"))
                    .as("%s was changed", name).isEqualTo("1");
            assertThat(HOST.exec("lxc-attach", "-n", name, "--", "sh", "-c",
                    "find /tmp /var/tmp -name 'provision*' 2>/dev/null || true").strip())
                    .as("no temporary file left in %s", name).isEmpty();
        }
        assertThat(HOST.exec("sh", "-c", "ls -A /var/lib/provision/locks").strip()).as("no lock left").isEmpty();
        assertThat(HOST.exec("sh", "-c", "find /tmp /var/tmp /var/lib/provision /var/lib/lxc -xdev"
                + " \\( -name 'provision-probe.*' -o -name '*.provision-*.tmp' -o -name 'provision-install.*' \\) 2>/dev/null || true")
                .strip()).as("no probe folder and no temporary file left on the host").isEmpty();
        new Cli(third).assertConverged();
    }

    /**
     * Four plans of everything and four applies, each changing its own container (waiting if they ever
     * overlap). In this order one after another, the plans see the changes the applies make, as they do
     * when all start together.
     */
    private static List<String[]> commands(Path inventory) {
        List<String[]> commands = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            commands.add(args(inventory, "plan", "--detailed-exitcode"));
        }
        for (String name : NAMES) {
            commands.add(args(inventory, "apply", "--auto-approve", "--target", "containers." + name, "--lock-timeout", "5m"));
        }
        return commands;
    }
}
