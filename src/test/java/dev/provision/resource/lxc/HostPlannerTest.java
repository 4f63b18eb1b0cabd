package dev.provision.resource.lxc;

import static dev.provision.resource.lxc.Fixtures.AT;
import static dev.provision.resource.lxc.Fixtures.probe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.engine.PlanningFailed;
import dev.provision.inventory.Host;
import dev.provision.inventory.Host.TransportKind;
import dev.provision.plan.Cause;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.Step;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HostPlannerTest {
    private final HostPlanner planner = new HostPlanner();

    private static Host host(boolean prepare) {
        return new Host("local", AT, TransportKind.LOCAL, null, 22, null, null, null, false, null, prepare, null, Host.Become.NONE, null);
    }

    @Test
    void aPreparedHostWithItsBridgeAndDhcpServerUpNeedsNothing() {
        HostState state = HostReader.parse("local", probe("lxc-net-dhcp up\n"));

        assertThat(planner.plan(host(true), state, Set.of("lxcbr0"))).isEmpty();
    }

    @Test
    void aDeadDhcpServerBehindAnUpBridgeIsDriftThatRestartsLxcNet() {
        HostState state = HostReader.parse("local", probe("lxc-net-dhcp down\n"));

        List<PlannedChange> changes = planner.plan(host(true), state, Set.of("lxcbr0"));

        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.address().toString()).isEqualTo("hosts.local.bridge.lxcbr0");
            assertThat(change.cause()).isEqualTo(Cause.DRIFT);
            assertThat(change.summary()).contains("DHCP server", "not running");
            assertThat(change.steps()).singleElement().isInstanceOfSatisfying(Step.Run.class,
                    run -> assertThat(run.argv()).last().asString()
                            .isEqualTo("rm -f /run/lxc/network_up /run/lxc/dnsmasq.pid && exec /usr/libexec/lxc/lxc-net start"));
        });
    }

    @Test
    void aDeadDhcpServerOnAHostProvisionMayNotPrepareIsRefusedWithTheCommandThatFixesIt() {
        HostState state = HostReader.parse("local", probe("lxc-net-dhcp down\n"));

        assertThatThrownBy(() -> planner.plan(host(false), state, Set.of("lxcbr0")))
                .isInstanceOf(PlanningFailed.class)
                .hasMessageContaining("DHCP server of bridge lxcbr0")
                .hasMessageContaining("/usr/libexec/lxc/lxc-net start")
                .hasMessageContaining("prepare: true");
    }

    @Test
    void aFirewallThatDropsForwardedTrafficIsOpenedForTheBridge() {
        HostState state = HostReader.parse("local", probe("forward-drop -i docker0 -o docker0 \n"));

        List<PlannedChange> changes = planner.plan(host(true), state, Set.of("lxcbr0"));

        assertThat(changes).singleElement().satisfies(change ->
                assertThat(change.address().toString()).isEqualTo("hosts.local.forward.lxcbr0"));
    }
}
