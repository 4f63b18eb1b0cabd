package dev.provision.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.SourceRange;
import dev.provision.connect.Connections;
import dev.provision.inventory.Host;
import dev.provision.inventory.Inventory;
import dev.provision.plan.Action;
import dev.provision.plan.Cause;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.ResourceAddress;
import dev.provision.plan.Step;
import dev.provision.transport.CommandResult;
import dev.provision.transport.PortForward;
import dev.provision.transport.Transport;
import dev.provision.transport.TransportException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The order and parallelism of apply, with a transport that records commands (the real thing is in the e2e tests). */
class ApplierTest {
    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final CountDownLatch bothContainersStarted = new CountDownLatch(2);

    /** "wait" blocks until two waits have started; "fail" exits 1; "vanish" loses the host; anything else succeeds. */
    private final Transport recording = new Transport() {
        @Override
        public String describe() {
            return "fake";
        }

        @Override
        public CommandResult run(List<String> argv, byte[] stdin, Duration timeout) {
            ran.add(String.join(" ", argv));
            if (argv.get(0).equals("wait")) {
                bothContainersStarted.countDown();
                try {
                    if (!bothContainersStarted.await(10, TimeUnit.SECONDS)) {
                        return new CommandResult(1, "", "the other container never ran alongside");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (argv.get(0).equals("vanish")) {
                throw new TransportException("root@h:22: the SSH connection is lost while vanish ran");
            }
            return new CommandResult(argv.get(0).equals("fail") ? 1 : 0, "", "boom");
        }

        @Override
        public void upload(byte[] content, String path, int mode) {}

        @Override
        public PortForward forward(String remoteHost, int remotePort) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
    };

    private Connections connections() {
        SourceRange at = new SourceRange(Path.of("i.yaml"), 1, 1);
        Host host = new Host("h", at, Host.TransportKind.LOCAL, null, 0, null, null, null, false, null, false, null, Host.Become.NONE, null);
        Inventory inventory = new Inventory(Path.of("i.yaml"), Path.of("."), Map.of("h", host), Map.of());
        return new Connections(inventory, (h, hosts) -> recording);
    }

    private static PlannedChange change(String address, String... commands) {
        List<Step> steps = java.util.Arrays.stream(commands).map(c -> (Step) Step.Run.of("h", Duration.ofSeconds(5), c)).toList();
        return new PlannedChange(new ResourceAddress(address), Action.CREATE, Cause.INVENTORY, "test", List.of(), List.of(), steps);
    }

    @Test
    void hostChangesRunFirstThenContainersInParallelEachInOrder() {
        Plan plan = new Plan(List.of(
                change("containers.a", "wait"), change("containers.a.postgres", "a2"),
                change("hosts.h.lxc", "prepare"),
                change("containers.b", "wait"), change("containers.b.postgres", "b2")), List.of());

        int applied = new Applier(connections(), new ApplyListener() {}).apply(plan, 4);

        assertThat(applied).isEqualTo(5);
        assertThat(ran.get(0)).as("the host is prepared before any container").isEqualTo("prepare");
        assertThat(ran.indexOf("a2")).as("a container's own changes keep their order").isGreaterThan(ran.indexOf("wait"));
        assertThat(bothContainersStarted.getCount()).as("both containers were being changed at the same time").isZero();
    }

    @Test
    void aFailureStopsEveryContainerBeforeItsNextChange() {
        Plan plan = new Plan(List.of(change("containers.a", "fail"), change("containers.a.postgres", "never-a")), List.of());

        assertThatThrownBy(() -> new Applier(connections(), new ApplyListener() {}).apply(plan, 4))
                .isInstanceOf(StepFailed.class)
                .hasMessageContaining("containers.a: `fail` failed on host h with exit status 1")
                .hasMessageContaining("run apply again");
        assertThat(ran).doesNotContain("never-a");
    }

    @Test
    void aHostLostDuringAStepIsAFailureOfThatChangeThatSaysHowToRecover() {
        Plan plan = new Plan(List.of(change("containers.a.postgres", "vanish"), change("containers.a.postgres.x", "never")),
                List.of());

        assertThatThrownBy(() -> new Applier(connections(), new ApplyListener() {}).apply(plan, 4))
                .isInstanceOf(StepFailed.class)
                .hasMessageContaining("containers.a.postgres: lost host h during `vanish`: root@h:22: the SSH connection is lost")
                .hasMessageContaining("this one may be half done")
                .hasMessageContaining("When host h is reachable again, run apply again");
        assertThat(ran).doesNotContain("never");
    }

    @Test
    void parallelismOneRunsEverythingInPlanOrder() {
        Plan plan = new Plan(List.of(change("containers.a", "a1"), change("containers.b", "b1"), change("containers.a.x", "a2")), List.of());

        new Applier(connections(), new ApplyListener() {}).apply(plan, 1);

        assertThat(ran).containsExactly("a1", "a2", "b1");
    }
}
