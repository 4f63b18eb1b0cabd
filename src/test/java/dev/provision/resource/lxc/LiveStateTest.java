package dev.provision.resource.lxc;

import java.util.List;
import dev.provision.resource.pgserver.ServerPackages;
import static dev.provision.resource.lxc.Fixtures.AT;
import static dev.provision.resource.lxc.Fixtures.container;
import static dev.provision.resource.lxc.Fixtures.probe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.plan.Mode;
import dev.provision.plan.PlanningFailed;
import dev.provision.inventory.Container;
import dev.provision.inventory.Network;
import dev.provision.plan.Action;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Cause;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.Step;
import org.junit.jupiter.api.Test;

/** What a running container's cgroups and addresses say, beside its config, and the host's other addresses. */
class LiveStateTest {
    private final ContainerPlanner planner = new ContainerPlanner(List.of(new ServerPackages()));

    /** A running container as the probe prints it, with its live lines and the config provision applied. */
    private static String running(Container c, String ipv4, String live) {
        return "container " + c.name() + "\nstate RUNNING\nipv4 " + ipv4 + " \n" + live + "config-begin\n"
                + ContainerPlannerTest.applied(c) + "\nconfig-end\n";
    }

    private static Container staticAt(String name, String ipv4) {
        Container c = container(name, false);
        return new Container(c.name(), c.at(), c.host(), c.image(), c.resources(), new Network(AT, "lxcbr0", ipv4, "10.0.3.1"),
                c.autostart(), c.isProtected(), c.hostname(), c.mounts(), c.postgres());
    }

    @Test
    void aMemoryLimitChangedLiveIsDriftSetAgainWithoutARestart() {
        Container c = container("db", false);
        HostState host = HostReader.parse("local", probe(running(c, "10.0.3.20",
                "live lxc.cgroup.memory.limit_in_bytes 536870912\nlive lxc.cgroup.cpu.cfs_quota_us 200000\n"
                        + "live lxc.cgroup.cpu.cfs_period_us 100000\n")));

        PlannedChange change = planner.plan(c, host, Mode.APPLY).orElseThrow();

        assertThat(change.action()).isEqualTo(Action.UPDATE);
        assertThat(change.cause()).as("the config is as applied; only what is in force moved").isEqualTo(Cause.DRIFT);
        assertThat(change.attributes()).as("512 MiB in force, 2 GiB declared").containsExactly(
                new AttributeChange("lxc.cgroup.memory.limit_in_bytes (in force)", "536870912", "2147483648"));
        assertThat(change.steps()).extracting(Step::display).as("set live, no restart")
                .containsExactly("lxc-cgroup -n db memory.limit_in_bytes 2147483648");
    }

    @Test
    void limitsInForceAsDeclaredNeedNothingAndAreComparedInWholePages() {
        Container c = container("db", false);
        HostState host = HostReader.parse("local", probe(running(c, "10.0.3.20",
                "live lxc.cgroup.memory.limit_in_bytes 2147483648\nlive lxc.cgroup.cpu.cfs_quota_us 200000\n")));

        assertThat(planner.plan(c, host, Mode.APPLY)).isEmpty();
        assertThat(LiveLimits.drift(java.util.Map.of("lxc.cgroup2.memory.max", java.util.List.of("1000000")),
                java.util.Map.of("lxc.cgroup2.memory.max", "999424"))).as("the kernel rounds down to a page").isEmpty();
    }

    @Test
    void aCgroup2CpuLimitChangedLiveIsDrift() {
        assertThat(LiveLimits.drift(java.util.Map.of("lxc.cgroup2.cpu.max", java.util.List.of("200000 100000")),
                java.util.Map.of("lxc.cgroup2.cpu.max", "max 100000")))
                .containsExactly(new AttributeChange("lxc.cgroup2.cpu.max (in force)", "max 100000", "200000 100000"));
    }

    @Test
    void aStaticContainerRunningOnAnotherAddressIsRestarted() {
        Container c = staticAt("db", "10.0.3.50/24");
        HostState host = HostReader.parse("local", probe(running(c, "10.0.3.77", "")));

        PlannedChange change = planner.plan(c, host, Mode.APPLY).orElseThrow();

        assertThat(change.cause()).isEqualTo(Cause.DRIFT);
        assertThat(change.attributes()).contains(new AttributeChange("ipv4 (in force)", "10.0.3.77", "10.0.3.50"));
        assertThat(change.steps()).extracting(Step::display).contains("lxc-stop -n db -t 60", "lxc-start -n db");
    }

    @Test
    void anAddressAnotherContainerHasInItsConfigIsAnErrorAtPlan() {
        Container c = staticAt("db", "10.0.3.50/24");
        HostState host = HostReader.parse("local", probe("existing other lxcbr0 10.0.3.50/24 other\nabsent db\n"));

        assertThatThrownBy(() -> planner.plan(c, host, Mode.APPLY)).isInstanceOf(PlanningFailed.class)
                .hasMessageContaining("containers.db: its static address 10.0.3.50/24 is taken: container other on host local");
    }

    @Test
    void anAddressLeasedToAnotherExistingContainerIsAnErrorButAStaleLeaseIsNot() {
        Container c = staticAt("db", "10.0.3.50/24");
        HostState leasedToWeb = HostReader.parse("local", probe("dhcp-range lxcbr0 10.0.3.2 10.0.3.254\n"
                + "lease lxcbr0 10.0.3.50 web\nexisting web lxcbr0 - web\nabsent db\n"));
        HostState staleLease = HostReader.parse("local", probe("lease lxcbr0 10.0.3.50 gone\nabsent db\n"));

        assertThatThrownBy(() -> planner.plan(c, leasedToWeb, Mode.APPLY)).hasMessageContaining("container web")
                .hasMessageContaining("lxc-net's DHCP server");
        assertThat(planner.plan(c, staleLease, Mode.APPLY)).as("a lease of a container that no longer exists").isPresent();
    }

    @Test
    void anAddressInsideLxcNetsDhcpRangeIsAWarningThatNamesTheRange() {
        Container inside = staticAt("db", "10.0.3.50/24");
        Container outside = staticAt("db", "10.0.3.250/24");
        String probe = "dhcp-range lxcbr0 10.0.3.2 10.0.3.200\nabsent db\n";

        PlannedChange create = planner.plan(inside, HostReader.parse("local", probe(probe)), Mode.APPLY).orElseThrow();
        PlannedChange clear = planner.plan(outside, HostReader.parse("local", probe(probe)), Mode.APPLY).orElseThrow();

        assertThat(create.summary()).contains("warning: 10.0.3.50 is inside lxc-net's DHCP range 10.0.3.2-10.0.3.200 on lxcbr0");
        assertThat(clear.summary()).doesNotContain("warning");
    }
}
