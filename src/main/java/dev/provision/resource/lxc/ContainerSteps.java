package dev.provision.resource.lxc;

import dev.provision.engine.ScriptResource;
import dev.provision.inventory.Container;
import dev.provision.inventory.Image;
import dev.provision.plan.Step;
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
    private static final String DISCARD = ScriptResource.load(ContainerSteps.class, "discard-unfinished.sh");
    private static final String WAIT_READY = ScriptResource.load(ContainerSteps.class, "wait-ready.sh");
    static final Duration CREATE_TIMEOUT = Duration.ofMinutes(20);
    private static final Duration SHORT = Duration.ofSeconds(60);
    private static final int READY_SECONDS = 90;

    private final String host;
    private final String lxcPath;
    private final Container container;
    private final Map<String, List<String>> desired;

    ContainerSteps(String host, String lxcPath, Container container, Map<String, List<String>> desired) {
        this.host = host;
        this.lxcPath = lxcPath;
        this.container = container;
        this.desired = desired;
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
        steps.add(new Step.Run(host, List.of("sh", "-c", "mkdir -p /var/lib/provision/lxc && touch \"/var/lib/provision/lxc/$1.creating\"",
                "provision-mark", name()), null, SHORT, "record that " + name() + " is being created", false));
        steps.add(Step.Run.of(host, CREATE_TIMEOUT, argv.toArray(String[]::new)));
        steps.add(configure());
        steps.add(guestNetwork());
        return steps;
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

    Step guestNetwork() {
        boolean dhcp = container.network().isDhcp();
        String gateway = dhcp ? "" : container.network().gateway();
        String hostname = desired.get("lxc.uts.name").get(0);
        return new Step.Run(host, List.of("sh", "-c", SET_NETWORK, "provision-set-network", rootfs(),
                        dhcp ? "dhcp" : "static", gateway, hostname), null, SHORT, "", false)
                .labelled("write " + rootfs() + "/etc/network/interfaces (" + (dhcp ? "DHCP" : "static " + container.network().ipv4())
                        + ") and /etc/hostname (" + hostname + ")");
    }

    List<Step> start() {
        return List.of(
                Step.Run.of(host, SHORT, "lxc-start", "-n", name()),
                new Step.Run(host, List.of("sh", "-c", WAIT_READY, "provision-wait", name(), String.valueOf(READY_SECONDS)),
                                null, Duration.ofSeconds(READY_SECONDS + 30), "", false)
                        .labelled("running, IPv4 address")
                        .showingOutput(),
                new Step.Run(host, List.of("sh", "-c", "mkdir -p /var/lib/provision/lxc && touch \"/var/lib/provision/lxc/$1.applied\""
                        + " && rm -f \"/var/lib/provision/lxc/$1.creating\"",
                        "provision-mark", name()), null, SHORT, "record that provision manages " + name(), false));
    }

    /** Removes what an interrupted creation left, whatever state it is in. */
    Step discardUnfinished() {
        return new Step.Run(host, List.of("sh", "-c", DISCARD, "provision-discard", name(), lxcPath + "/" + name()),
                null, SHORT, "lxc-destroy -f -n " + name() + " (unfinished by an interrupted apply)", false);
    }

    Step stop() {
        return Step.Run.of(host, Duration.ofSeconds(90), "lxc-stop", "-n", name(), "-t", "60");
    }

    List<Step> destroy(boolean running) {
        List<Step> steps = new ArrayList<>();
        if (running) {
            steps.add(stop());
        }
        steps.add(Step.Run.of(host, SHORT, "lxc-destroy", "-n", name()));
        steps.add(new Step.Run(host, List.of("rm", "-f", "/var/lib/provision/lxc/" + name() + ".applied"), null, SHORT,
                "forget " + name(), false));
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
}
