package dev.provision.resource.lxc;

import static dev.provision.resource.lxc.Fixtures.AT;
import static dev.provision.resource.lxc.Fixtures.probe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.plan.PlanningFailed;
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

        assertThat(planner.plan(host(true), state, Set.of("lxcbr0"), Set.of("debian"))).isEmpty();
    }

    @Test
    void aDeadDhcpServerBehindAnUpBridgeIsDriftThatRestartsLxcNet() {
        HostState state = HostReader.parse("local", probe("lxc-net-dhcp down\n"));

        List<PlannedChange> changes = planner.plan(host(true), state, Set.of("lxcbr0"), Set.of("debian"));

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

        assertThatThrownBy(() -> planner.plan(host(false), state, Set.of("lxcbr0"), Set.of("debian")))
                .isInstanceOf(PlanningFailed.class)
                .hasMessageContaining("DHCP server of bridge lxcbr0")
                .hasMessageContaining("/usr/libexec/lxc/lxc-net start")
                .hasMessageContaining("prepare: true");
    }

    @Test
    void aFirewallThatDropsForwardedTrafficIsOpenedForTheBridge() {
        HostState state = HostReader.parse("local", probe("forward-drop -i docker0 -o docker0 \n"));

        List<PlannedChange> changes = planner.plan(host(true), state, Set.of("lxcbr0"), Set.of("debian"));

        assertThat(changes).singleElement().satisfies(change ->
                assertThat(change.address().toString()).isEqualTo("hosts.local.forward.lxcbr0"));
    }

    /** The probe of a host with only {@code packages} of those host preparation may install, on Debian, lxcbr0 up. */
    private static HostState hostWith(String... packages) {
        StringBuilder out = new StringBuilder("cgroupfs tmpfs\nos debian\nlxcpath /var/lib/lxc\nbridge lxcbr0 10.0.3.1/24\nlxc-net-dhcp up\n");
        for (String p : packages) {
            out.append("package ").append(p).append('\n');
        }
        return HostReader.parse("local", out.toString());
    }

    /** The packages the one planned change installs (the last step's arguments after the apt-get options). */
    private static List<String> installed(List<PlannedChange> changes) {
        PlannedChange install = changes.stream().filter(c -> c.address().toString().equals("hosts.local.lxc")).findFirst().orElseThrow();
        Step.Run run = (Step.Run) install.steps().get(install.steps().size() - 1);
        return run.argv().subList(run.argv().indexOf("--no-install-recommends") + 1, run.argv().size());
    }

    @Test
    void aPristineDebianHostGetsLxcItsBridgeAndWhatTheDebianTemplateNeedsAfterAnAptUpdate() {
        List<PlannedChange> changes = planner.plan(host(true), hostWith(), Set.of("lxcbr0"), Set.of("debian"));

        assertThat(installed(changes)).as("the debian template lives in lxc-templates, runs debootstrap, and needs"
                + " debian-distro-info for a correct security source")
                .containsExactly("lxc", "dnsmasq-base", "iptables", "rsync", "lxc-templates", "debootstrap", "distro-info");
        PlannedChange install = changes.get(0);
        assertThat(((Step.Run) install.steps().get(0)).argv()).as("a pristine machine has no package lists yet")
                .startsWith("apt-get", "update");
        assertThat(install.attributes()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("packages");
            assertThat(a.after()).as("the plan names every package").isEqualTo("lxc dnsmasq-base iptables rsync lxc-templates debootstrap distro-info");
        });
    }

    @Test
    void aHostWithLxcButNeitherTemplatesNorDistroInfoGetsJustThoseAsAnUpdate() {
        List<PlannedChange> changes = planner.plan(host(true), hostWith("lxc", "dnsmasq-base", "iptables", "rsync", "debootstrap"),
                Set.of("lxcbr0"), Set.of("debian"));

        assertThat(installed(changes)).as("only what is missing is installed").containsExactly("lxc-templates", "distro-info");
        assertThat(changes.get(0).action()).as("LXC is there: preparing it further is an update").isEqualTo(dev.provision.plan.Action.UPDATE);
        assertThat(changes.get(0).summary()).as("the plan says what is missing and for what")
                .contains("lxc-templates, distro-info", "debian template");
    }

    @Test
    void theUbuntuTemplateNeedsDebootstrapAndOnUbuntuTheArchiveKeyring() {
        assertThat(installed(planner.plan(host(true), hostWith("lxc", "dnsmasq-base", "iptables", "rsync"),
                Set.of("lxcbr0"), Set.of("ubuntu"))))
                .as("on Debian: no package has Ubuntu's key").containsExactly("lxc-templates", "debootstrap");
        HostState ubuntu = HostReader.parse("local", "os ubuntu\npackage lxc\npackage dnsmasq-base\npackage iptables\npackage rsync\n"
                + "bridge lxcbr0 10.0.3.1/24\n");
        assertThat(installed(planner.plan(host(true), ubuntu, Set.of("lxcbr0"), Set.of("ubuntu"))))
                .as("on Ubuntu the keyring lets debootstrap verify the archive")
                .containsExactly("lxc-templates", "debootstrap", "ubuntu-keyring");
    }

    @Test
    void theDownloadTemplateNeedsWgetXzAndCertificatesButNoDebootstrap() {
        assertThat(installed(planner.plan(host(true), hostWith("lxc", "dnsmasq-base", "iptables", "rsync"),
                Set.of("lxcbr0"), Set.of("download"))))
                .as("lxc-download fetches over HTTPS with wget and unpacks tar.xz").containsExactly("wget", "xz-utils", "ca-certificates");
    }

    @Test
    void severalTemplatesOnOneHostInstallTheUnionOnce() {
        assertThat(installed(planner.plan(host(true), hostWith(), Set.of("lxcbr0"), new java.util.LinkedHashSet<>(List.of("debian", "ubuntu", "download")))))
                .containsExactly("lxc", "dnsmasq-base", "iptables", "rsync", "lxc-templates", "debootstrap", "distro-info",
                        "wget", "xz-utils", "ca-certificates");
    }

    @Test
    void aHostWithEverythingTheTemplatesNeedGetsNoPackages() {
        assertThat(planner.plan(host(false), HostReader.parse("local", probe("lxc-net-dhcp up\n")), Set.of("lxcbr0"),
                Set.of("debian", "ubuntu", "download"))).as("the test bed image has all of them").isEmpty();
    }

    @Test
    void aMissingPackageOnAHostProvisionMayNotPrepareIsRefusedWithTheInstallCommand() {
        assertThatThrownBy(() -> planner.plan(host(false), hostWith("lxc", "dnsmasq-base", "iptables", "rsync", "debootstrap"),
                Set.of("lxcbr0"), Set.of("debian")))
                .isInstanceOf(PlanningFailed.class)
                .hasMessageContaining("lacks lxc-templates, distro-info")
                .hasMessageContaining("apt-get install lxc-templates distro-info")
                .hasMessageContaining("prepare: true");
    }

    @Test
    void theProbeReportsPackagesAndTheDistribution() {
        HostState state = HostReader.parse("local", "package lxc\npackage distro-info\nos ubuntu\n");

        assertThat(state.packages()).containsExactlyInAnyOrder("lxc", "distro-info");
        assertThat(state.osId()).isEqualTo("ubuntu");
    }
}
