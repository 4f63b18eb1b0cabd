package dev.provision.resource.lxc;

import dev.provision.host.HostPaths;
import dev.provision.transport.ScriptResource;
import dev.provision.inventory.Container;
import dev.provision.inventory.Resources;
import dev.provision.plan.HostWide;
import dev.provision.plan.Step;
import dev.provision.backend.BaseContribution;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The exact commands that prepare a base on one host, for the container whose creation needs it:
 * lxc-create from the container's image on the container's network, PostgreSQL and the container's
 * locales installed, sealed (nothing unique to a container left in it), stopped, marked ready.
 */
final class BaseSteps {
    private static final String PREPARE_ROOTFS = ScriptResource.load(BaseSteps.class, "prepare-base-rootfs.sh");
    private static final String SEAL = ScriptResource.load(BaseSteps.class, "seal-base.sh");
    private static final String DISCARD = HostPaths.script(BaseSteps.class, "discard-unfinished.sh");
    private static final Duration SHORT = Duration.ofSeconds(60);
    /** The preparation script's name ({@code $0}), by which a plan's change is known to prepare a base. */
    static final String PREPARE_NAME = HostWide.STEP_NAME;

    private final String host;
    private final String lxcPath;
    private final Container container;
    private final Base base;
    private final ContainerSteps steps;
    private final List<BaseContribution> contributions;

    BaseSteps(String host, String lxcPath, Container container, Base base, boolean cgroupV2, List<BaseContribution> contributions) {
        this.contributions = List.copyOf(contributions);
        this.host = host;
        this.lxcPath = lxcPath;
        this.container = container;
        this.base = base;
        // The base boots once, for apt, on the container's own network (its address is still free):
        // no limits, no autostart, no mounts, its own name.
        Container asBase = new Container(base.name(), container.at(), container.host(), container.image(),
                Resources.unlimited(container.at()), container.network(), false, false, null, List.of(), container.postgres());
        this.steps = new ContainerSteps(host, lxcPath, asBase, DesiredConfig.of(asBase, cgroupV2), contributions);
    }

    /** The steps; {@code rebuild} says why a ready base is discarded first (too old), or is {@code null}. */
    List<Step> prepare(boolean discardIncomplete, String rebuild) {
        List<Step> all = new ArrayList<>();
        if (discardIncomplete) {
            all.add(new Step.Run(host, List.of("sh", "-c", DISCARD, "provision-discard", base.name(), lxcPath + "/" + base.name()),
                    null, SHORT, "lxc-destroy -f -n " + base.name()
                            + (rebuild == null ? " (unfinished by an interrupted apply)" : " (" + rebuild + ": rebuilt)"), false));
        }
        all.addAll(steps.create());
        all.add(new Step.Run(host, List.of("sh", "-c", PREPARE_ROOTFS, PREPARE_NAME, steps.rootfs()), null, SHORT, "", false)
                .labelled("prepare " + steps.rootfs() + ": no PostgreSQL cluster from the packages, SSH host keys made at each"
                        + " clone's first boot"));
        all.addAll(steps.startAndWait());
        for (BaseContribution contribution : contributions) {
            for (BaseContribution.Command command : contribution.prepareBase(container)) {
                all.add(steps.inside(base.name(), command));
            }
        }
        all.add(inside(Duration.ofMinutes(2), "seal: remove SSH host keys, the TLS key, DHCP leases, journal, apt cache; sync",
                "sh", "-c", SEAL, "provision-seal"));
        // Its disk is a plain directory and was just synced: nothing is lost by killing it.
        all.add(Step.Run.of(host, SHORT, "lxc-stop", "-n", base.name(), "-k"));
        all.add(new Step.Run(host, List.of("sh", "-c", "touch \"" + HostPaths.MARKERS + "/$1.base\" && rm -f \"" + HostPaths.MARKERS + "/$1.creating\"",
                "provision-mark", base.name()), null, SHORT, "record that base " + base.name() + " is ready", false));
        return all;
    }

    private Step inside(Duration timeout, String label, String... argv) {
        List<String> full = new ArrayList<>(List.of("lxc-attach", "-n", base.name(), "--"));
        full.addAll(List.of(argv));
        return new Step.Run(host, full, null, timeout, "lxc-attach -n " + base.name() + " -- " + label, false);
    }
}
