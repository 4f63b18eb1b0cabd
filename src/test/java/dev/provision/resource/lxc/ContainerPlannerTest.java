package dev.provision.resource.lxc;

import dev.provision.resource.pgserver.ServerPackages;
import static dev.provision.resource.lxc.Fixtures.container;
import static dev.provision.resource.lxc.Fixtures.present;
import static dev.provision.resource.lxc.Fixtures.probe;
import static dev.provision.resource.lxc.Fixtures.templateConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.plan.Mode;
import dev.provision.plan.PlanningFailed;
import dev.provision.inventory.Container;
import dev.provision.plan.Action;
import dev.provision.plan.Cause;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.Step;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContainerPlannerTest {
    private final ContainerPlanner planner = new ContainerPlanner(List.of(new ServerPackages()));

    /** The config a container has right after provision applied it: template lines plus the managed block. */
    static String applied(Container c) {
        Map<String, List<String>> desired = DesiredConfig.of(c, false);
        StringBuilder text = new StringBuilder();
        for (String line : templateConfig(c.name(), "bookworm").split("\n")) {
            String key = line.contains("=") ? line.substring(0, line.indexOf('=')).strip() : "";
            if (!DesiredConfig.MANAGED_KEYS.contains(key)) {
                text.append(line).append('\n');
            }
        }
        text.append("# Managed by provision, desired state ").append(DesiredConfig.fingerprint(desired)).append(": x\n");
        desired.forEach((k, vs) -> vs.forEach(v -> text.append(k).append(" = ").append(v).append('\n')));
        return text.toString();
    }

    @Test
    void absentContainerIsCreatedThenStartedAndWaitedFor() {
        Container c = container("db", false);
        HostState host = HostReader.parse("local", probe("absent db\n"));

        PlannedChange change = planner.plan(c, host, Mode.APPLY).orElseThrow();

        assertThat(change.action()).isEqualTo(Action.CREATE);
        assertThat(change.cause()).isEqualTo(Cause.INVENTORY);
        assertThat(change.steps()).extracting(Step::display)
                .as("create with the debian template, configure, start, wait for an address")
                .element(1).isEqualTo("lxc-create -n db -t debian -- -r bookworm");
        assertThat(change.steps().stream().map(Step::display).toList())
                .anyMatch(d -> d.contains("lxc.cgroup.memory.limit_in_bytes = 2147483648"))
                .anyMatch(d -> d.contains("lxc.cgroup.cpu.cfs_quota_us = 200000"))
                .anyMatch(d -> d.equals("lxc-start -n db"))
                .anyMatch(d -> d.startsWith("running, IPv4 address"));
    }

    @Test
    void aDebianContainerHasItsSecuritySourceCheckedRightAfterLxcCreate() {
        Container c = container("db", false);
        HostState host = HostReader.parse("local", probe("absent db\n"));

        PlannedChange change = planner.plan(c, host, Mode.APPLY).orElseThrow();

        assertThat(change.steps()).extracting(Step::display)
                .as("before the container first runs apt, its sources.list must name bookworm-security")
                .element(2).asString().startsWith("check the security source in /var/lib/lxc/db/rootfs/etc/apt/sources.list");
    }

    @Test
    void containerDestroyedOutsideProvisionIsDrift() {
        PlannedChange change = planner.plan(container("db", false),
                HostReader.parse("local", probe("absent db applied-before\n")), Mode.APPLY).orElseThrow();

        assertThat(change.cause()).isEqualTo(Cause.DRIFT);
        assertThat(change.summary()).contains("destroyed outside provision");
    }

    @Test
    void appliedRunningContainerNeedsNothing() {
        Container c = container("db", false);
        HostState host = HostReader.parse("local", probe(present("db", "RUNNING", applied(c))));

        assertThat(planner.plan(c, host, Mode.APPLY)).as("the next plan after apply is empty").isEmpty();
    }

    @Test
    void stoppedContainerIsStartedAsDrift() {
        Container c = container("db", false);
        HostState host = HostReader.parse("local", probe(present("db", "STOPPED", applied(c))));

        PlannedChange change = planner.plan(c, host, Mode.APPLY).orElseThrow();

        assertThat(change.action()).isEqualTo(Action.UPDATE);
        assertThat(change.cause()).isEqualTo(Cause.DRIFT);
        assertThat(change.steps()).extracting(Step::display).contains("lxc-start -n db").doesNotContain("lxc-stop -n db -t 60");
    }

    @Test
    void handEditedLimitIsDriftRepairedWithRestart() {
        Container c = container("db", false);
        String edited = applied(c).replace("limit_in_bytes = 2147483648", "limit_in_bytes = 1073741824");
        HostState host = HostReader.parse("local", probe(present("db", "RUNNING", edited)));

        PlannedChange change = planner.plan(c, host, Mode.APPLY).orElseThrow();

        assertThat(change.cause()).isEqualTo(Cause.DRIFT);
        assertThat(change.attributes()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("lxc.cgroup.memory.limit_in_bytes");
            assertThat(a.before()).isEqualTo("1073741824");
            assertThat(a.after()).isEqualTo("2147483648");
        });
        assertThat(change.summary()).contains("restarted");
        assertThat(change.steps()).extracting(Step::display).startsWith("lxc-stop -n db -t 60");
    }

    @Test
    void inventoryChangeIsNotDrift() {
        Container before = container("db", false);
        Container after = new Container("db", before.at(), "local", before.image(),
                new dev.provision.inventory.Resources(before.at(), 4L << 30, 2), before.network(), true, false, null,
                List.of(), null);
        HostState host = HostReader.parse("local", probe(present("db", "RUNNING", applied(before))));

        assertThat(planner.plan(after, host, Mode.APPLY).orElseThrow().cause()).isEqualTo(Cause.INVENTORY);
    }

    @Test
    void changedReleaseIsAReplacementWithAHazard() {
        Container c = container("db", false);
        HostState host = HostReader.parse("local", probe(present("db", "RUNNING", applied(c).replace("-r bookworm", "-r bullseye"))));

        PlannedChange change = planner.plan(c, host, Mode.APPLY).orElseThrow();

        assertThat(change.action()).isEqualTo(Action.REPLACE);
        assertThat(change.hazards()).extracting(h -> h.kind()).containsExactly("container-replace");
    }

    @Test
    void protectedContainerIsNeitherReplacedNorDestroyed() {
        Container c = container("db", true);
        HostState replaced = HostReader.parse("local", probe(present("db", "RUNNING", applied(c).replace("-r bookworm", "-r bullseye"))));
        HostState running = HostReader.parse("local", probe(present("db", "RUNNING", applied(c))));

        assertThatThrownBy(() -> planner.plan(c, replaced, Mode.APPLY)).isInstanceOf(PlanningFailed.class).hasMessageContaining("protected");
        assertThatThrownBy(() -> planner.plan(c, running, Mode.DESTROY)).isInstanceOf(PlanningFailed.class)
                .hasMessageContaining("containers.db is protected: destroy refused");
    }

    @Test
    void destroyKillsThenDestroysAndNothingWhenAbsent() {
        Container c = container("db", false);
        PlannedChange change = planner.plan(c, HostReader.parse("local", probe(present("db", "RUNNING", applied(c)))), Mode.DESTROY)
                .orElseThrow();

        assertThat(change.action()).isEqualTo(Action.DELETE);
        assertThat(change.steps()).extracting(Step::display)
                .as("everything in it is deleted, so no clean shutdown is waited for")
                .startsWith("lxc-stop -n db -k", "lxc-destroy -n db");
        assertThat(planner.plan(c, HostReader.parse("local", probe("absent db\n")), Mode.DESTROY)).isEqualTo(Optional.empty());
    }

    @Test
    void aContainerLeftUnfinishedByAKilledApplyIsDiscardedAndCreatedAgain() {
        Container c = container("db", false);

        PlannedChange change = planner.plan(c, HostReader.parse("local", probe("incomplete db\n")), Mode.APPLY).orElseThrow();

        assertThat(change.action()).isEqualTo(Action.CREATE);
        assertThat(change.cause()).isEqualTo(Cause.DRIFT);
        assertThat(change.summary()).contains("interrupted");
        assertThat(change.steps()).extracting(Step::display)
                .startsWith("lxc-destroy -f -n db (unfinished by an interrupted apply)", "record that db is being created",
                        "lxc-create -n db -t debian -- -r bookworm");
    }

    @Test
    void aRunningContainerWithoutAnAddressIsDriftRepairedByARestart() {
        Container c = container("db", false);
        HostState host = HostReader.parse("local", probe(present("db", "RUNNING", applied(c)).replace("ipv4 10.0.3.20 ", "ipv4 ")));

        PlannedChange change = planner.plan(c, host, Mode.APPLY).orElseThrow();

        assertThat(change.action()).isEqualTo(Action.UPDATE);
        assertThat(change.cause()).isEqualTo(Cause.DRIFT);
        assertThat(change.summary()).contains("without an IPv4 address", "restarted");
        assertThat(change.steps()).extracting(Step::display).first().asString().startsWith("lxc-stop -n db");
        assertThat(change.steps()).extracting(Step::display).contains("lxc-start -n db");
    }
}
