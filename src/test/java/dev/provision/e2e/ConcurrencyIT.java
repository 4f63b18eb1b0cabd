package dev.provision.e2e;

import static org.assertj.core.api.Assertions.assertThat;

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
 * or waited for with --lock-timeout, plan reports a stale lock without taking it, and four applies of
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
            List<Timed> plans = together(List.of(
                    args(inventory, "plan", "--detailed-exitcode", "--show-commands", "--target", "containers.c1"),
                    args(inventory, "plan", "--detailed-exitcode", "--show-commands", "--target", "containers.c1"),
                    args(inventory, "plan", "--detailed-exitcode", "--show-commands", "--target", "containers.c1"),
                    args(inventory, "plan", "--detailed-exitcode", "--show-commands", "--target", "containers.c1")));

            StringBuilder notes = new StringBuilder();
            for (Timed plan : plans) {
                assertThat(plan.run().exitCode()).as("each plan succeeds and finds the change:\n%s", plan.run()).isEqualTo(2);
                assertThat(plan.run().out()).as("%s", plan.run()).contains("CREATE INDEX events_body");
                notes.append(plan.run().err());
            }
            assertThat(notes).as("the killed run's scratch database is dropped, and a plan says so")
                    .contains("dropped scratch database " + leftover + ", left by a run that no longer exists");
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

        Cli.Run plan = new Cli(inventory).run("plan");
        assertThat(plan.exitCode()).as("%s", plan).isZero();
        assertThat(plan.err()).as("plan reports the stale lock and the exact command that releases it:\n%s", plan)
                .contains("container c2 on host bed is locked by a run that no longer exists (provision pid " + gone.pid(),
                        "provision force-unlock -i " + inventory + " containers.c2");
        assertThat(HOST.execResult("cat", "/var/lib/provision/locks/container.c2/owner")).as("plan did not take or release it")
                .contains(stale);

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
