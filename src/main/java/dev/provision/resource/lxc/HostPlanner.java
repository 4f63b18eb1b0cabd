package dev.provision.resource.lxc;

import dev.provision.plan.PlanningFailed;
import dev.provision.inventory.Host;
import dev.provision.plan.Action;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Cause;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.ResourceAddress;
import dev.provision.plan.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a host needs preparing: the packages that LXC, its bridge and each template in use
 * need (see {@link HostPackages}) installed, and the default bridge up. Pure: it works from what the
 * host said.
 */
public final class HostPlanner {
    /** The bridge that the lxc-net service of Debian's lxc package creates and serves DHCP on. */
    static final String DEFAULT_BRIDGE = "lxcbr0";

    /**
     * The host's changes: packages to install for {@code templates} (the LXC templates of the containers
     * planned on it), then its {@code bridges}.
     */
    public List<PlannedChange> plan(Host host, HostState state, Set<String> bridges, Set<String> templates) {
        List<PlannedChange> changes = new ArrayList<>();
        ResourceAddress address = ResourceAddress.of("hosts", host.name());
        List<String> needed = HostPackages.needed(templates, state.osId());
        List<String> missing = HostPackages.missing(needed, state.packages());
        boolean installing = !missing.isEmpty();
        if (installing) {
            String uses = templates.isEmpty() ? "LXC needs" : "LXC and the " + String.join(", ", new java.util.TreeSet<>(templates))
                    + " template" + (templates.size() > 1 ? "s" : "") + " need";
            String why = "it lacks " + String.join(", ", missing) + ", which " + uses;
            if (!host.prepare()) {
                throw new PlanningFailed("host " + host.name() + ": " + why + "; install them there"
                        + " (apt-get install " + String.join(" ", missing) + "), or set prepare: true on the host"
                        + " to let provision install them");
            }
            List<String> install = new ArrayList<>(List.of("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-q",
                    "-o", "DPkg::Lock::Timeout=120", "--no-install-recommends"));
            install.addAll(missing);
            List<String> present = needed.stream().filter(state.packages()::contains).toList();
            changes.add(new PlannedChange(address.child("lxc"), present.isEmpty() ? Action.CREATE : Action.UPDATE, Cause.INVENTORY,
                    "prepare: true, and " + why,
                    List.of(new AttributeChange("packages", present.isEmpty() ? null : String.join(" ", present), String.join(" ", needed))),
                    List.of(),
                    List.of(Step.Run.of(host.name(), Duration.ofMinutes(10), "apt-get", "update", "-q", "-o", "DPkg::Lock::Timeout=120"),
                            Step.Run.of(host.name(), Duration.ofMinutes(20), install.toArray(String[]::new)))));
        }
        for (String bridge : bridges) {
            forwarding(host, state, bridge, address).ifPresent(changes::add);
            if (state.bridges().get(bridge) != null) {
                dhcpServer(host, state, bridge, address).ifPresent(changes::add);
                continue;
            }
            if (!bridge.equals(DEFAULT_BRIDGE)) {
                throw new PlanningFailed("bridge " + bridge + " does not exist or is down on host " + host.name()
                        + "; create it on the host, or use " + DEFAULT_BRIDGE + ", which provision can bring up");
            }
            if (!host.prepare() && !installing) {
                throw new PlanningFailed("bridge " + bridge + " is down on host " + host.name()
                        + "; start it with /usr/libexec/lxc/lxc-net start, or set prepare: true on the host");
            }
            changes.add(new PlannedChange(address.child("bridge").child(bridge), Action.CREATE, Cause.INVENTORY,
                    "the containers need bridge " + bridge + " and it is down",
                    List.of(new AttributeChange("address", null, "10.0.3.1/24 (lxc-net)")), List.of(),
                    List.of(Step.Run.of(host.name(), Duration.ofSeconds(60), "/usr/libexec/lxc/lxc-net", "start"))));
        }
        return changes;
    }

    /**
     * Restarts lxc-net when it claims its bridge is up but its DHCP server has died: containers that use
     * DHCP would start and never get an address. Restarting keeps the bridge and the containers on it.
     */
    private static java.util.Optional<PlannedChange> dhcpServer(Host host, HostState state, String bridge, ResourceAddress address) {
        if (!bridge.equals(DEFAULT_BRIDGE) || !state.lxcNetDhcpDown()) {
            return java.util.Optional.empty();
        }
        String restart = "rm -f /run/lxc/network_up /run/lxc/dnsmasq.pid && exec /usr/libexec/lxc/lxc-net start";
        if (!host.prepare()) {
            throw new PlanningFailed("the DHCP server of bridge " + bridge + " (lxc-net's dnsmasq) is not running on host "
                    + host.name() + ", so containers would get no address; restart it with " + restart
                    + ", or set prepare: true on the host");
        }
        return java.util.Optional.of(new PlannedChange(address.child("bridge").child(bridge), Action.UPDATE, Cause.DRIFT,
                "lxc-net's DHCP server for " + bridge + " is not running; containers using DHCP would get no address",
                List.of(new AttributeChange("dhcp server", "stopped", "running (lxc-net)")), List.of(),
                List.of(Step.Run.of(host.name(), Duration.ofSeconds(60), "sh", "-c", restart))));
    }

    /** Lets the bridge's traffic through a firewall whose FORWARD policy drops, as Docker's does. */
    private static java.util.Optional<PlannedChange> forwarding(Host host, HostState state, String bridge, ResourceAddress address) {
        Set<String> accepted = state.forwardBlocked();
        if (accepted == null || (accepted.contains("-i " + bridge) && accepted.contains("-o " + bridge))) {
            return java.util.Optional.empty();
        }
        if (!host.prepare()) {
            throw new PlanningFailed("host " + host.name() + " drops forwarded traffic (iptables FORWARD policy DROP, as"
                    + " Docker sets it), so containers on " + bridge + " cannot reach the network; allow it with"
                    + " iptables -I FORWARD -i " + bridge + " -j ACCEPT; iptables -I FORWARD -o " + bridge
                    + " -j ACCEPT, or set prepare: true on the host");
        }
        return java.util.Optional.of(new PlannedChange(address.child("forward").child(bridge), Action.CREATE, Cause.DRIFT,
                "the firewall's FORWARD policy drops traffic (Docker sets it so); containers on " + bridge
                        + " would have no network",
                List.of(new AttributeChange("iptables FORWARD", null, "accept -i " + bridge + ", -o " + bridge)), List.of(),
                List.of(Step.Run.of(host.name(), Duration.ofSeconds(30), "iptables", "-I", "FORWARD", "1", "-i", bridge, "-j", "ACCEPT"),
                        Step.Run.of(host.name(), Duration.ofSeconds(30), "iptables", "-I", "FORWARD", "1", "-o", bridge, "-j", "ACCEPT"))));
    }
}
