package dev.provision.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provision.json.PlanSchema;
import dev.provision.testbed.LxcHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * What a user and CI see, on a real LXC host over SSH: JSON output that conforms to its schema, saved
 * plans applied exactly or refused when stale, the confirmation prompt and the coloured plan in a real
 * pseudo-terminal (tmux), and secrets absent from every output channel.
 */
@Testcontainers
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliExperienceIT {
    private static final String ESC = "\u001b[";
    private static final String SECRET_ENV = "PROVISION_TEST_APP_PASSWORD";
    private static final String SECRET = "Zq8-never-print-me-" + Long.toHexString(System.nanoTime());

    @Container
    static final LxcHost HOST = new LxcHost();

    @TempDir
    static Path dir;

    private static final Tmux TMUX = new Tmux();

    private static String container(String memory) {
        return """
                containers:
                  app:
                    host: bed
                    image: { template: debian, release: bookworm }
                    resources: { memory: %s, cpus: 1 }
                    network: { bridge: lxcbr0, ipv4: 10.0.3.50/24, gateway: 10.0.3.1 }
                """.formatted(memory);
    }

    private static final String POSTGRES = """
                postgres:
                  version: 15
                  listen_addresses: ["*"]
                  settings: { shared_buffers: 64MB, log_statement: all }
                  roles:
                    app_user:
                      login: true
                      password: { env: %s }
            """.formatted(SECRET_ENV);

    private static Path inventory(String containers) {
        return TestBedInventory.write(dir, HOST, containers);
    }

    private static Cli cli(String memory) {
        return new Cli(inventory(container(memory)));
    }

    private static JsonNode conforming(String json) {
        assertThat(PlanSchema.problems(json)).as("the JSON conforms to schema/plan.schema.json:\n%s", json).isEmpty();
        return PlanSchema.parse(json);
    }

    private static String lxc(String... args) {
        return HOST.exec(args).strip();
    }

    @AfterAll
    static void closeTerminals() {
        TMUX.close();
    }

    @Test
    @Order(1)
    void planJsonIsPureJsonOnStandardOutputAndConformsToTheSchema() {
        Cli.Run plan = cli("256MiB").run("plan", "--json", "--detailed-exitcode", "--out", dir.resolve("create.plan").toString());

        assertThat(plan.exitCode()).as("%s", plan).isEqualTo(2);
        JsonNode doc = conforming(plan.out());
        assertThat(doc.path("outcome").asText()).isEqualTo("changes");
        assertThat(doc.at("/plan/changes/0/address").asText()).isEqualTo("containers.app");
        assertThat(doc.at("/plan/changes/0/action").asText()).isEqualTo("create");
        assertThat(doc.at("/plan/summary/add").asInt()).isEqualTo(1);
        assertThat(doc.at("/inventory/sha256").asText()).hasSize(64);
        assertThat(plan.err()).as("people's text goes to stderr").contains("+ containers.app", "Saved the plan to");
        assertThat(PlanSchema.problems(read(dir.resolve("create.plan")))).as("the plan file conforms too").isEmpty();
        assertThat(read(dir.resolve("create.plan"))).as("the plan file holds what apply runs").contains("\"argv\"", "lxc-create");
    }

    @Test
    @Order(2)
    void aPlanFileIsRefusedWhenTheInventoryChangedSince() throws IOException {
        Path file = inventory(container("256MiB"));
        String original = Files.readString(file);
        Files.writeString(file, original + "# an edit after the plan was made\n");
        try {
            Cli.Run apply = new Cli(file).run("apply", dir.resolve("create.plan").toString());

            assertThat(apply.exitCode()).as("%s", apply).isEqualTo(1);
            assertThat(apply.err()).contains("was made from a different inventory", "nothing was changed", "run plan --out again");
            assertThat(lxc("lxc-ls")).as("nothing was created").isEmpty();
        } finally {
            Files.writeString(file, original);
        }
    }

    @Test
    @Order(3)
    void onATerminalThePlanIsColouredUnlessToldNotToAndAnsweringNoChangesNothing() {
        String inventory = inventory(container("256MiB")).toString();

        String noColor = TMUX.start("cd " + dir + " && " + Jar.shellCommand("plan", "-i", inventory, "--no-color"));
        assertThat(TMUX.awaitExit(noColor, Duration.ofMinutes(2))).isZero();
        assertThat(TMUX.screen(noColor, true)).contains("+ containers.app").doesNotContain(ESC);

        String envNoColor = TMUX.start("cd " + dir + " && NO_COLOR=1 " + Jar.shellCommand("plan", "-i", inventory));
        assertThat(TMUX.awaitExit(envNoColor, Duration.ofMinutes(2))).isZero();
        assertThat(TMUX.screen(envNoColor, true)).as("NO_COLOR is honoured").contains("+ containers.app").doesNotContain(ESC);

        String apply = TMUX.start("cd " + dir + " && env -u NO_COLOR " + Jar.shellCommand("apply", "-i", inventory));
        String prompt = TMUX.await(apply, s -> s.contains("Enter a value:"), Duration.ofMinutes(2), "the confirmation prompt");
        assertThat(prompt).as("the plan on a terminal is coloured").contains(ESC + "32m+", "Only 'yes' will be accepted");
        TMUX.type(apply, "no");

        assertThat(TMUX.awaitExit(apply, Duration.ofMinutes(1))).as("answering no exits 1").isEqualTo(1);
        assertThat(TMUX.screen(apply, false)).contains("Apply cancelled; nothing was changed.");
        assertThat(lxc("lxc-ls")).as("nothing was created").isEmpty();
    }

    @Test
    @Order(4)
    void aSavedPlanIsAppliedExactlyWithoutAPromptAndItsJsonConforms() {
        Cli.Run apply = cli("256MiB").run("apply", dir.resolve("create.plan").toString(), "--json");

        assertThat(apply.exitCode()).as("%s", apply).isZero();
        JsonNode doc = conforming(apply.out());
        assertThat(doc.path("command").asText()).isEqualTo("apply");
        assertThat(doc.path("outcome").asText()).isEqualTo("applied");
        assertThat(doc.at("/apply/applied/0/address").asText()).isEqualTo("containers.app");
        assertThat(doc.at("/apply/applied/0/duration_ms").asLong()).isPositive();
        assertThat(doc.at("/apply/verified").asBoolean()).as("a fresh read found nothing left").isTrue();
        assertThat(apply.err()).contains("Apply complete!");
        assertThat(lxc("lxc-info", "-n", "app", "-sH")).isEqualTo("RUNNING");
    }

    @Test
    @Order(5)
    void aSavedPlanIsRefusedWhenRealityChangedSinceAndNothingIsChanged() {
        Cli cli = cli("512MiB");
        assertThat(cli.run("plan", "--out", dir.resolve("memory.plan").toString()).exitCode()).isZero();
        lxc("lxc-stop", "-n", "app");

        Cli.Run apply = cli.run("apply", dir.resolve("memory.plan").toString(), "--json");

        assertThat(apply.exitCode()).as("%s", apply).isEqualTo(1);
        assertThat(apply.err()).contains("reality changed since the plan", "run plan again", "Nothing was changed",
                "containers.app");
        assertThat(conforming(apply.out()).path("outcome").asText()).isEqualTo("refused");
        assertThat(lxc("lxc-info", "-n", "app", "-sH")).as("still stopped").isEqualTo("STOPPED");
        assertThat(lxc("cat", "/var/lib/lxc/app/config")).as("the old limit is still configured")
                .contains(String.valueOf(256L * 1024 * 1024)).doesNotContain(String.valueOf(512L * 1024 * 1024));
    }

    @Test
    @Order(6)
    void onATerminalAnsweringYesApplies() {
        String inventory = inventory(container("512MiB")).toString();
        String apply = TMUX.start("cd " + dir + " && env -u NO_COLOR " + Jar.shellCommand("apply", "-i", inventory));
        TMUX.await(apply, s -> s.contains("Enter a value:"), Duration.ofMinutes(2), "the confirmation prompt");
        TMUX.type(apply, "yes");

        assertThat(TMUX.awaitExit(apply, Duration.ofMinutes(5))).as("%s", TMUX.screen(apply, false)).isZero();
        assertThat(TMUX.screen(apply, false)).contains("Apply complete!");
        assertThat(lxc("lxc-info", "-n", "app", "-sH")).isEqualTo("RUNNING");
        assertThat(lxc("cat", "/var/lib/lxc/app/config")).contains(String.valueOf(512L * 1024 * 1024));
        cli("512MiB").assertConverged();
    }

    @Test
    @Order(7)
    void noSecretReachesAnyOutputThePlanFileTheLogTheServerLogOrTheProcessList() throws Exception {
        Path file = inventory(container("512MiB") + POSTGRES);
        Path planFile = dir.resolve("server.plan");
        Path log = dir.resolve("provision.log");
        Map<String, String> env = Map.of(SECRET_ENV, SECRET);
        List<Cli.Run> runs = new ArrayList<>();

        runs.add(Jar.run(env, "plan", "-i", file.toString(), "--json", "-v", "--log-file", log.toString(),
                "--show-commands", "--out", planFile.toString()));
        Cli.Run markdown = Jar.run(env, "plan", "-i", file.toString(), "--format", "markdown", "--show-commands");
        runs.add(markdown);
        ProcessListSampler processes = new ProcessListSampler();
        try (processes) {
            runs.add(Jar.run(env, "apply", "-i", file.toString(), "--json", "-v", "--log-file", log.toString(),
                    planFile.toString()));
        }
        runs.add(Jar.run(env, "plan", "-i", file.toString(), "--json", "-v", "--log-file", log.toString(),
                "--show-commands", "--detailed-exitcode"));

        assertThat(markdown.exitCode()).as("plan --format markdown:\n%s", markdown).isZero();
        assertThat(markdown.out()).as("the Markdown plan of a real server, for a pull request, names the password's reference")
                .startsWith("### provision plan").contains("```sql", "<details>", "env:" + SECRET_ENV);
        assertThat(runs.get(2).exitCode()).as("apply:\n%s", runs.get(2)).isZero();
        conforming(runs.get(2).out());
        String adminPassword = lxc("cat", "/var/lib/provision/secrets/app.admin-password");
        assertThat(adminPassword).hasSizeGreaterThan(20);
        StringBuilder everything = new StringBuilder();
        runs.forEach(run -> everything.append(run.out()).append(run.err()));
        everything.append(read(planFile)).append(read(log));
        everything.append(lxc("lxc-attach", "-n", "app", "--", "sh", "-c", "cat /var/log/postgresql/*.log"));
        assertThat(processes.samples()).as("the host's process list was sampled during apply").isGreaterThan(5);
        everything.append(processes.seen());
        assertThat(read(log)).as("the log is not empty: it holds the remote commands and steps")
                .contains("lxc-attach", "# containers.app.postgres", "$ [");
        assertThat(read(planFile)).as("the plan file holds the steps apply runs").contains("\"argv\"");
        assertThat(read(log)).as("the log file holds the SSH library's debug records, to diagnose a connection")
                .contains("# fine net.schmizz.sshj.")
                .as("and no SCRAM verifier").doesNotContain("SCRAM-SHA-256$4096:");
        assertThat(everything.toString())
                .as("the role password from the environment and the host's admin password are in no output, file,"
                        + " server log (log_statement = all) or process argument list")
                .doesNotContain(SECRET)
                .doesNotContain(adminPassword);
    }

    /** Samples the LXC host's process list (every process's arguments) until closed. */
    private static final class ProcessListSampler implements AutoCloseable {
        private final StringBuilder seen = new StringBuilder();
        private final Thread thread = new Thread(this::sample, "process-list-sampler");
        private volatile boolean running = true;
        private int samples;

        ProcessListSampler() {
            thread.setDaemon(true);
            thread.start();
        }

        private void sample() {
            while (running) {
                try {
                    String list = HOST.exec("ps", "-eo", "args");
                    synchronized (this) {
                        seen.append(list);
                        samples++;
                    }
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // a sample that failed is only a missed sample
                }
            }
        }

        synchronized int samples() {
            return samples;
        }

        synchronized String seen() {
            return seen.toString();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(10_000);
        }
    }

    @Test
    @Order(8)
    void destroyJsonConformsAndLeavesNothing() {
        Cli.Run destroy = cli("512MiB").run("destroy", "--auto-approve", "--json");

        assertThat(destroy.exitCode()).as("%s", destroy).isZero();
        JsonNode doc = conforming(destroy.out());
        assertThat(doc.path("mode").asText()).isEqualTo("destroy");
        assertThat(doc.at("/plan/changes/0/action").asText()).isEqualTo("delete");
        assertThat(doc.path("outcome").asText()).isEqualTo("applied");
        assertThat(lxc("lxc-ls")).isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
