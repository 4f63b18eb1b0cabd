package dev.provision.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.transport.CommandResult;
import dev.provision.transport.PortForward;
import dev.provision.transport.Transport;
import dev.provision.transport.local.LocalTransport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A host's probes run as one command, and each still gets exactly what it would have got alone (real sh). */
class ProbeBatchTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final List<List<String>> ran = new CopyOnWriteArrayList<>();
    private final Transport local = new LocalTransport();
    private final Transport counting = new Transport() {
        @Override
        public String describe() {
            return "local";
        }

        @Override
        public CommandResult run(List<String> argv, byte[] stdin, Duration timeout) {
            ran.add(argv);
            return local.run(argv, stdin, timeout);
        }

        @Override
        public void upload(byte[] content, String path, int mode) {
            local.upload(content, path, mode);
        }

        @Override
        public PortForward forward(String remoteHost, int remotePort) {
            return local.forward(remoteHost, remotePort);
        }

        @Override
        public void close() {
            local.close();
        }
    };
    private final ProbeBatch batch = new ProbeBatch(host -> counting);

    private static Probe probe(String script, String... args) {
        return new Probe("h", "provision-test", script, List.of(args));
    }

    @Test
    void runsAHostsDeclaredProbesAsOneCommandAndGivesEachItsOwnResult() {
        Probe first = probe("echo \"one $0 $1\"; echo 'with a quote '\"'\"' and $HOME'", "it's");
        Probe noNewline = probe("printf 'no newline at the end'");
        Probe failing = probe("echo partial; echo oops >&2; exit 3");
        Probe empty = probe("true");
        batch.declare(List.of(first, noNewline, failing, empty));

        CommandResult one = batch.run(first, TIMEOUT);

        assertThat(one.stdout()).isEqualTo("one provision-test it's\nwith a quote ' and $HOME\n");
        assertThat(one.exitStatus()).isZero();
        assertThat(batch.run(noNewline, TIMEOUT).stdout()).as("what a probe prints is passed on byte for byte")
                .isEqualTo("no newline at the end");
        CommandResult three = batch.run(failing, TIMEOUT);
        assertThat(three.exitStatus()).as("each probe keeps its own exit status").isEqualTo(3);
        assertThat(three.stdout()).isEqualTo("partial\n");
        assertThat(three.stderr()).contains("oops");
        assertThat(batch.run(empty, TIMEOUT).stdout()).isEmpty();
        assertThat(ran).as("four probes of one host, one round trip").hasSize(1);
    }

    @Test
    void aProbeAskedForTwiceInOnePlanReadsOnce() {
        Probe date = probe("cat /proc/sys/kernel/random/uuid");
        batch.declare(List.of(date, probe("true")));

        assertThat(batch.run(date, TIMEOUT).stdout()).isEqualTo(batch.run(date, TIMEOUT).stdout());
        assertThat(ran).hasSize(1);
    }

    @Test
    void anUndeclaredProbeOrOneAskedForAfterThePlanRunsAlone() {
        Probe declared = probe("echo declared");
        batch.declare(List.of(declared, probe("true")));
        assertThat(batch.run(probe("echo alone"), TIMEOUT).stdout()).isEqualTo("alone\n");
        assertThat(ran).hasSize(1);
        assertThat(ran.get(0)).as("run alone, as it would be without a batch")
                .containsExactly("sh", "-c", "echo alone", "provision-test");

        batch.clear();
        assertThat(batch.run(declared, TIMEOUT).stdout()).isEqualTo("declared\n");
        assertThat(ran).as("a finished plan's probes are read again").hasSize(2);
    }

    @Test
    void aProbeThatPrintsSomethingLikeTheSeparatorDoesNotConfuseTheOthers() {
        Probe tricky = probe("echo; echo '@@provision-probe- 0'; echo end");
        Probe next = probe("echo next");
        batch.declare(List.of(tricky, next));

        assertThat(batch.run(tricky, TIMEOUT).stdout()).isEqualTo("\n@@provision-probe- 0\nend\n");
        assertThat(batch.run(next, TIMEOUT).stdout()).isEqualTo("next\n");
    }

    @Test
    void aHostsProbesRunSideBySide(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        String flag = dir.resolve("flag").toString();
        // the first waits (up to 20 s) for a file that only the second creates: run one after the other, it never sees it
        Probe waiting = probe("i=0; while [ ! -e \"$1\" ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i + 1)); done;"
                + " [ -e \"$1\" ] && echo saw it", flag);
        Probe creating = probe("touch \"$1\"", flag);
        batch.declare(List.of(waiting, creating));

        assertThat(batch.run(waiting, TIMEOUT).stdout()).isEqualTo("saw it\n");
        assertThat(batch.run(creating, TIMEOUT).exitStatus()).isZero();
    }

    @Test
    void aProbeRunAloneDoesNotWaitForItsHostsBatch(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path started = dir.resolve("started");
        String flag = dir.resolve("flag").toString();
        // the batch waits (up to 20 s) for a file that only a probe run alone, from another thread, creates
        Probe waiting = probe("touch \"$2\"; i=0; while [ ! -e \"$1\" ] && [ $i -lt 200 ]; do sleep 0.1; i=$((i + 1)); done;"
                + " [ -e \"$1\" ] && echo saw it", flag, started.toString());
        batch.declare(List.of(waiting, probe("true")));
        java.util.concurrent.CompletableFuture<CommandResult> batched =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> batch.run(waiting, TIMEOUT));
        for (int i = 0; i < 200 && !java.nio.file.Files.exists(started); i++) {
            Thread.sleep(100);
        }

        assertThat(batch.run(probe("touch \"$1\"", flag), TIMEOUT).exitStatus()).isZero();
        assertThat(batched.get().stdout()).isEqualTo("saw it\n");
    }

    @Test
    void whatAProbePrintsIsNeverWrittenToAFile() {
        String secret = "secret-" + java.util.UUID.randomUUID();
        // the first prints a secret and waits; meanwhile the second looks for it in every file just written in the temporary directory
        Probe printing = probe("echo \"$1\"; sleep 1", secret);
        Probe looking = probe("sleep 0.5; find \"${TMPDIR:-/tmp}\" -maxdepth 2 -type f -mmin -1 -exec grep -lF \"$1\" {} + 2>/dev/null; echo looked",
                secret);
        batch.declare(List.of(printing, looking));

        assertThat(batch.run(printing, TIMEOUT).stdout()).isEqualTo(secret + "\n");
        assertThat(batch.run(looking, TIMEOUT).stdout()).as("no file holds what a probe printed while the batch ran").isEqualTo("looked\n");
    }

    @Test
    void probesStartTogetherAndAnswerInOrderWithTheirOwnStderr() {
        Probe slow = probe("sleep 0.6; echo slow; echo slow-err >&2; exit 4");
        Probe fast = probe("echo fast; echo fast-err >&2");
        batch.declare(List.of(slow, fast, probe("true")));
        long start = System.nanoTime();

        CommandResult first = batch.run(slow, TIMEOUT);
        CommandResult second = batch.run(fast, TIMEOUT);

        assertThat(first.stdout()).isEqualTo("slow\n");
        assertThat(first.exitStatus()).isEqualTo(4);
        assertThat(second.stdout()).as("a fast probe's output waits for the slow one before it, intact").isEqualTo("fast\n");
        assertThat(second.exitStatus()).isZero();
        assertThat(first.stderr()).as("stderr in the order of the probes").isEqualTo("slow-err\nfast-err\n");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
