package dev.provision.resource.lxc;

import dev.provision.host.HostPaths;
import dev.provision.transport.ScriptResource;
import dev.provision.inventory.Container;
import dev.provision.inventory.Image;
import dev.provision.plan.AdminAccess;
import dev.provision.plan.Step;
import dev.provision.backend.BaseContribution;
import dev.provision.resource.backup.BackupSteps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The exact commands that create, configure, start, stop and destroy one container on one host.
 * Scripts are constants shipped with the tool; names and values reach them only as arguments.
 */
final class ContainerSteps {
    private static final String SET_CONFIG = ScriptResource.load(ContainerSteps.class, "set-managed-config.sh");
    private static final String SET_NETWORK = ScriptResource.load(ContainerSteps.class, "set-guest-network.sh");
    private static final String DISCARD = HostPaths.script(ContainerSteps.class, "discard-unfinished.sh");
    private static final String WAIT_READY = ScriptResource.load(ContainerSteps.class, "wait-ready.sh");
    private static final String IDENTIFY = ScriptResource.load(ContainerSteps.class, "identify-clone.sh");
    private static final String SECURITY_SOURCE = ScriptResource.load(ContainerSteps.class, "fix-security-source.sh");
    static final Duration CREATE_TIMEOUT = Duration.ofMinutes(20);
    private static final Duration SHORT = Duration.ofSeconds(60);
    private static final int READY_SECONDS = 90;

    private final String host;
    private final String lxcPath;
    private final Container container;
    private final Map<String, List<String>> desired;
    private final List<BaseContribution> base;

    /** @param base what the resource kinds install in a base and finish in each clone, in order */
    ContainerSteps(String host, String lxcPath, Container container, Map<String, List<String>> desired,
            List<BaseContribution> base) {
        this.host = host;
        this.lxcPath = lxcPath;
        this.container = container;
        this.desired = desired;
        this.base = List.copyOf(base);
    }

    /** The template's own arguments, as lxc-create records them in the config it writes. */
    static List<String> templateArgs(Image image) {
        return switch (image.template()) {
            case "download" -> List.of("-d", image.distro(), "-r", image.release(), "-a", image.arch() == null ? "amd64" : image.arch());
            default -> List.of("-r", image.release());
        };
    }

    /**
     * Creates and configures the container. A marker brackets the work, so that an apply killed half
     * way is recognised by the next one, which destroys the unfinished container and starts over.
     */
    List<Step> create() {
        List<String> argv = new ArrayList<>(List.of("lxc-create", "-n", name(), "-t", container.image().template(), "--"));
        argv.addAll(templateArgs(container.image()));
        List<Step> steps = new ArrayList<>();
        steps.add(markCreating());
        steps.add(Step.Run.of(host, CREATE_TIMEOUT, argv.toArray(String[]::new)));
        if ("debian".equals(container.image().template())) {
            steps.add(new Step.Run(host, List.of("sh", "-c", SECURITY_SOURCE, "provision-security-source", rootfs()), null, SHORT, "", false)
                    .labelled("check the security source in " + rootfs() + "/etc/apt/sources.list (RELEASE-security after buster)"));
        }
        steps.add(configure());
        steps.add(guestNetwork(Rootfs.dir(rootfs())));
        return steps;
    }

    /** Creates the container the way {@code creation} says: from the template, or as a clone of a base. */
    List<Step> create(Creation creation, boolean cgroupV2) {
        if (creation instanceof Creation.Clone c) {
            return cloneOf(c.base(), c.snapshot());
        }
        if (creation instanceof Creation.PrepareAndClone p) {
            List<Step> steps = new ArrayList<>(new BaseSteps(host, lxcPath, container, p.base(), cgroupV2, base)
                    .prepare(p.discardIncomplete(), p.rebuild()));
            steps.addAll(cloneOf(p.base(), p.snapshot()));
            return steps;
        }
        return create();
    }

    /**
     * Creates the container as a copy of a ready base (an overlay snapshot, or a full copy), with the
     * marker around it as for lxc-create. lxc-copy refuses a name that exists, so nothing is ever cloned
     * over a container; it also gives the copy its own MAC address and hostname.
     */
    private List<Step> cloneOf(Base base, boolean snapshot) {
        List<String> argv = new ArrayList<>(List.of("lxc-copy", "-n", base.name(), "-N", name()));
        if (snapshot) {
            argv.addAll(List.of("-s", "-B", "overlay"));
        }
        Rootfs root = snapshot
                ? new Rootfs(lxcPath + "/" + name() + "/overlay/delta", lxcPath + "/" + base.name() + "/rootfs")
                : Rootfs.dir(rootfs());
        List<Step> steps = new ArrayList<>();
        steps.add(markCreating());
        steps.add(Step.Run.of(host, CREATE_TIMEOUT, argv.toArray(String[]::new)));
        if ("debian".equals(container.image().template())) {
            steps.add(new Step.Run(host, List.of("sh", "-c", SECURITY_SOURCE, "provision-security-source", rootfs()), null, SHORT, "", false)
                    .labelled("check the security source in " + rootfs() + "/etc/apt/sources.list (RELEASE-security after buster)"));
        }
        steps.add(configure());
        steps.add(guestNetwork(root));
        steps.add(new Step.Run(host, List.of("sh", "-c", IDENTIFY, "provision-identify", root.path()), null, SHORT, "", false)
                .labelled("write a new " + root.path() + "/etc/machine-id (SSH host keys come at first boot, the PostgreSQL"
                        + " cluster and TLS key as soon as it runs)"));
        return steps;
    }

    private Step markCreating() {
        return new Step.Run(host, List.of("sh", "-c", "mkdir -p " + HostPaths.MARKERS + " && touch \"" + HostPaths.MARKERS + "/$1.creating\"",
                "provision-mark", name()), null, SHORT, "record that " + name() + " is being created", false);
    }

    /** Rewrites the owned keys of the config file to their desired values. */
    Step configure() {
        StringBuilder block = new StringBuilder("# Managed by provision, desired state ")
                .append(DesiredConfig.fingerprint(desired))
                .append(": the lines below are rewritten on every apply.\n");
        desired.forEach((key, values) -> values.forEach(v -> block.append(key).append(" = ").append(v).append('\n')));
        List<String> argv = new ArrayList<>(List.of("sh", "-c", SET_CONFIG, "provision-set-config", configPath()));
        argv.addAll(DesiredConfig.MANAGED_KEYS.stream().sorted().toList());
        return new Step.Run(host, argv, null, SHORT, "", false).withStdin(block.toString())
                .labelled("set the managed keys of " + configPath() + " to:\n"
                        + block.toString().strip().indent(8).stripTrailing());
    }

    Step guestNetwork(Rootfs root) {
        boolean dhcp = container.network().isDhcp();
        String gateway = dhcp ? "" : container.network().gateway();
        String hostname = desired.get("lxc.uts.name").get(0);
        List<String> argv = new ArrayList<>(List.of("sh", "-c", SET_NETWORK, "provision-set-network", root.path(),
                dhcp ? "dhcp" : "static", gateway, hostname));
        if (root.lower() != null) {
            argv.add(root.lower());
        }
        return new Step.Run(host, argv, null, SHORT, "", false)
                .labelled("write " + root.path() + "/etc/network/interfaces (" + (dhcp ? "DHCP" : "static " + container.network().ipv4())
                        + ") and /etc/hostname (" + hostname + ")");
    }

    List<Step> start() {
        List<Step> steps = new ArrayList<>(startAndWait());
        steps.add(new Step.Run(host, List.of("sh", "-c", "mkdir -p " + HostPaths.MARKERS + " && touch \"" + HostPaths.MARKERS + "/$1.applied\""
                        + " && rm -f \"" + HostPaths.MARKERS + "/$1.creating\"",
                        "provision-mark", name()), null, SHORT, "record that provision manages " + name(), false));
        return steps;
    }

    /**
     * Starts a container just created: a clone of a base creates its own PostgreSQL cluster (a new system
     * identifier) and TLS key as soon as it runs, while it boots and waits for its address.
     */
    List<Step> start(Creation creation) {
        Base base = creation instanceof Creation.Clone c ? c.base()
                : creation instanceof Creation.PrepareAndClone p ? p.base() : null;
        if (base == null) {
            return start();
        }
        List<Step> steps = new ArrayList<>(start());
        // right after lxc-start, before waiting for the address
        int at = 1 + steps.indexOf(steps.stream().filter(s -> s instanceof Step.Run r && r.argv().get(0).equals("lxc-start"))
                .findFirst().orElseThrow());
        for (BaseContribution contribution : this.base) {
            for (BaseContribution.Command command : contribution.finishClone(container)) {
                steps.add(at++, inside(name(), command));
            }
        }
        return steps;
    }

    /** Starts the container and waits until it runs and has an IPv4 address. */
    List<Step> startAndWait() {
        List<Step> steps = new ArrayList<>();
        if (container.postgres() != null && container.postgres().backups() != null) {
            steps.add(new BackupSteps(container).repository()); // a bind mount's source must exist before the start
        }
        steps.addAll(List.of(
                Step.Run.of(host, SHORT, "lxc-start", "-n", name()),
                new Step.Run(host, List.of("sh", "-c", WAIT_READY, "provision-wait", name(), String.valueOf(READY_SECONDS)),
                                null, Duration.ofSeconds(READY_SECONDS + 30), "", false)
                        .labelled("running, IPv4 address")
                        .showingOutput()));
        return steps;
    }

    /** Removes what an interrupted creation left, whatever state it is in. */
    Step discardUnfinished() {
        return new Step.Run(host, List.of("sh", "-c", DISCARD, "provision-discard", name(), lxcPath + "/" + name()),
                null, SHORT, "lxc-destroy -f -n " + name() + " (unfinished by an interrupted apply)", false);
    }

    /** Sets a limit in the running container's cgroup, as its config key {@code lxc.cgroup[2].KEY} sets it at start. */
    Step setLive(String configKey, String value) {
        return Step.Run.of(host, SHORT, "lxc-cgroup", "-n", name(), LiveLimits.controllerFile(configKey), value);
    }

    Step stop() {
        return Step.Run.of(host, Duration.ofSeconds(90), "lxc-stop", "-n", name(), "-t", "60");
    }

    List<Step> destroy(boolean running) {
        List<Step> steps = new ArrayList<>();
        boolean backups = container.postgres() != null && container.postgres().backups() != null;
        if (running && container.mounts().isEmpty() && !backups) {
            // Everything in it is deleted next, so a clean shutdown protects nothing; only a bind mount
            // from the host outlives the container, and then the processes writing to it stop cleanly.
            steps.add(Step.Run.of(host, SHORT, "lxc-stop", "-n", name(), "-k"));
        } else if (running) {
            steps.add(stop());
        }
        steps.add(Step.Run.of(host, SHORT, "lxc-destroy", "-n", name()));
        steps.add(ContainerOwner.forget(host, name()));
        // The admin secret goes with the container: a container made again under this name gets a new one.
        steps.add(new Step.Run(host, List.of("rm", "-f", HostPaths.marker(name(), "applied"), AdminAccess.secretPath(name())),
                null, SHORT, "forget " + name() + " and its admin secret", false));
        return steps;
    }

    String configPath() {
        return lxcPath + "/" + name() + "/config";
    }

    String rootfs() {
        return lxcPath + "/" + name() + "/rootfs";
    }

    private String name() {
        return container.name();
    }

    /** The step that runs {@code command} inside the container {@code name} on this host. */
    Step inside(String name, BaseContribution.Command command) {
        List<String> argv = new ArrayList<>(List.of("lxc-attach", "-n", name, "--"));
        argv.addAll(command.argv());
        return new Step.Run(host, argv, null, command.timeout(), "lxc-attach -n " + name + " -- " + command.label(), false);
    }
}
