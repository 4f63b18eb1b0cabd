package dev.provision.resource.lxc;

import dev.provision.backend.BaseContribution;

import dev.provision.plan.Mode;
import dev.provision.plan.PlanningFailed;
import dev.provision.inventory.Container;
import dev.provision.plan.Action;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Cause;
import dev.provision.plan.CauseRule;
import dev.provision.plan.Hazard;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.ResourceAddress;
import dev.provision.plan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Decides what to do with one container, from the inventory and what the host said. Pure: no I/O. */
public final class ContainerPlanner {
    static final String REPLACE_HAZARD = dev.provision.plan.HazardKind.CONTAINER_REPLACE.id();

    private final List<BaseContribution> base;

    /** @param base what the resource kinds install in a base and finish in each clone, in order */
    public ContainerPlanner(List<BaseContribution> base) {
        this.base = List.copyOf(base);
    }

    public Optional<PlannedChange> plan(Container container, HostState host, Mode mode) {
        return plan(container, host, mode, new Creation.FromTemplate(null));
    }

    /** Plans one container; {@code creation} says how it is made if this plan creates or replaces it. */
    public Optional<PlannedChange> plan(Container container, HostState host, Mode mode, Creation creation) {
        ContainerState actual = host.container(container.name());
        ResourceAddress address = ResourceAddress.of("containers", container.name());
        Map<String, List<String>> desired = DesiredConfig.of(container, host.cgroupV2());
        ContainerSteps steps = new ContainerSteps(container.host(), host.lxcPath(), container, desired, base);
        if (mode == Mode.DESTROY) {
            return destroy(container, actual, address, steps);
        }
        if (actual.incomplete()) {
            List<Step> all = new ArrayList<>(List.of(steps.discardUnfinished()));
            all.addAll(steps.create(creation, host.cgroupV2()));
            all.addAll(steps.start(creation));
            return Optional.of(new PlannedChange(address, Action.CREATE, Cause.DRIFT,
                    "an earlier apply was interrupted while creating the container; what it left holds no data"
                            + " and is destroyed, then the container is created again" + sourceClause(creation),
                    List.of(new AttributeChange("image", null, describe(container)), source(creation)), List.of(), all));
        }
        Optional<String> conflict = StaticAddressCheck.conflict(container, host);
        if (conflict.isPresent()) {
            throw new PlanningFailed(address + ": its static address " + container.network().ipv4() + " is taken: "
                    + conflict.get() + "; give one of them another address (ipv4 in the inventory)");
        }
        String warning = StaticAddressCheck.dhcpWarning(container, host).map(w -> "; " + w).orElse("");
        if (!actual.present()) {
            return Optional.of(withWarning(create(container, actual, address, steps, creation, host.cgroupV2()), warning));
        }
        String actualImage = imageOf(actual);
        String desiredImage = describe(container);
        if (actualImage != null && !actualImage.equals(desiredImage)) {
            return Optional.of(replace(container, actual, address, steps, actualImage, desiredImage, creation, host.cgroupV2()));
        }
        return update(container, actual, address, steps, desired)
                .map(change -> change.attributes().stream().anyMatch(a -> a.name().startsWith("lxc.net.0.ipv4"))
                        ? withWarning(change, warning) : change);
    }

    /** The change with {@code warning} (empty for none) added to its summary, so text and JSON both carry it. */
    private static PlannedChange withWarning(PlannedChange change, String warning) {
        return warning.isEmpty() ? change : new PlannedChange(change.address(), change.action(), change.cause(),
                change.summary() + warning, change.attributes(), change.hazards(), change.steps());
    }

    private static PlannedChange create(Container container, ContainerState actual, ResourceAddress address, ContainerSteps steps,
            Creation creation, boolean cgroupV2) {
        List<Step> all = new ArrayList<>(steps.create(creation, cgroupV2));
        all.addAll(steps.start(creation));
        Cause cause = actual.appliedBefore() ? Cause.DRIFT : Cause.INVENTORY;
        String why = (actual.appliedBefore()
                ? "the container was destroyed outside provision; it will be created again"
                : "declared in the inventory and absent on host " + container.host()) + sourceClause(creation);
        List<AttributeChange> attributes = List.of(
                new AttributeChange("image", null, describe(container)),
                new AttributeChange("network", null, container.network().bridge() + " " + container.network().ipv4()),
                source(creation));
        return new PlannedChange(address, Action.CREATE, cause, why, attributes, List.of(), all);
    }

    /** How the container is made, as the plan shows it. */
    static AttributeChange source(Creation creation) {
        String text;
        if (creation instanceof Creation.Clone c) {
            text = "cloned from base " + c.base().name() + " (" + copyKind(c.snapshot())
                    + (c.preparedAt() == null ? "" : ", base prepared " + c.preparedAt()) + ")";
        } else if (creation instanceof Creation.PrepareAndClone p) {
            text = "cloned from base " + p.base().name() + " (" + copyKind(p.snapshot())
                    + "), which this apply " + (p.rebuild() == null ? "prepares first" : "rebuilds first (" + p.rebuild() + ")")
                    + ": lxc-create, apt-get install postgresql-" + p.base().postgresVersion()
                    + " and locales, sealed, stopped";
        } else {
            String note = ((Creation.FromTemplate) creation).note();
            text = "lxc-create from the template" + (note == null ? "" : " (" + note + ")");
        }
        return new AttributeChange("source", null, text);
    }

    private static String sourceClause(Creation creation) {
        if (creation instanceof Creation.Clone c) {
            return "; cloned from base " + c.base().name();
        }
        if (creation instanceof Creation.PrepareAndClone p) {
            return "; base " + p.base().name() + (p.rebuild() == null ? " is prepared first" : " is rebuilt first (too old)")
                    + ", then cloned";
        }
        return "";
    }

    private static String copyKind(boolean snapshot) {
        return snapshot ? "overlay snapshot" : "full copy";
    }

    private static PlannedChange replace(Container container, ContainerState actual, ResourceAddress address,
            ContainerSteps steps, String actualImage, String desiredImage, Creation creation, boolean cgroupV2) {
        if (container.isProtected()) {
            throw new PlanningFailed(address + " is protected and its image changed from \"" + actualImage + "\" to \""
                    + desiredImage + "\", which needs a replacement; restore the image in the inventory, or set"
                    + " protected: false if losing this container's data is intended");
        }
        List<Step> all = new ArrayList<>(steps.destroy(actual.running()));
        all.addAll(steps.create(creation, cgroupV2));
        all.addAll(steps.start(creation));
        Hazard hazard = new Hazard(REPLACE_HAZARD, "the container is destroyed and created again:"
                + " everything in it, including PostgreSQL data, is lost");
        return new PlannedChange(address, Action.REPLACE, Cause.INVENTORY, "the image changed; LXC cannot change"
                + " the distribution or release of an existing container" + sourceClause(creation),
                List.of(new AttributeChange("image", actualImage, desiredImage), source(creation)), List.of(hazard), all);
    }

    private static Optional<PlannedChange> update(Container container, ContainerState actual, ResourceAddress address,
            ContainerSteps steps, Map<String, List<String>> desired) {
        Map<String, List<String>> current = actual.config().select(DesiredConfig.MANAGED_KEYS);
        List<AttributeChange> attributes = diff(current, desired);
        boolean configChanged = !attributes.isEmpty();
        if (!configChanged && actual.running()) {
            Optional<PlannedChange> live = liveDrift(container, actual, address, steps, desired);
            if (live.isPresent() || !actual.ipv4().isEmpty()) {
                return live;
            }
            // Running without an address: its DHCP client gave up (the bridge's DHCP server was down, say).
            // Nothing can reach it; a restart is what brings its network up again on every distribution.
            List<Step> restart = new ArrayList<>(List.of(steps.stop()));
            restart.addAll(steps.start());
            return Optional.of(new PlannedChange(address, Action.UPDATE, Cause.DRIFT,
                    "the container is running without an IPv4 address; it will be restarted to bring its network up",
                    List.of(new AttributeChange("ipv4", "(none)", "an address on " + desired.getOrDefault("lxc.net.0.link",
                            List.of("its bridge")).get(0))), List.of(), restart));
        }
        List<Step> all = new ArrayList<>();
        String why;
        Cause cause;
        if (configChanged) {
            // the config's managed block records the fingerprint of what provision last wrote
            cause = CauseRule.decide(Cause.INVENTORY, Action.UPDATE, actual.config().managedFingerprint(),
                    DesiredConfig.fingerprint(desired), attributes);
            why = (cause == Cause.DRIFT ? "the configuration was edited outside provision" : "the inventory changed the configuration")
                    + (actual.running() ? "; the container will be restarted to apply it" : "");
            if (actual.running()) {
                all.add(steps.stop());
            }
            all.add(steps.configure());
            if (guestFilesChanged(current, desired)) {
                List<String> root = actual.config().values("lxc.rootfs.path");
                all.add(steps.guestNetwork(Rootfs.parse(root.isEmpty() ? null : root.get(0), steps.rootfs())));
            }
        } else {
            cause = Cause.DRIFT;
            why = "the container is " + (actual.state() == null ? "not running" : actual.state().toLowerCase())
                    + "; it will be started";
            attributes = List.of(new AttributeChange("state", actual.state(), "RUNNING"));
        }
        all.addAll(steps.start());
        return Optional.of(new PlannedChange(address, Action.UPDATE, cause, why, attributes, List.of(), all));
    }

    /**
     * What differs in a running container whose config is as declared: limits changed live (set again
     * with lxc-cgroup, no restart), or a static address not in force (a restart brings it back).
     */
    private static Optional<PlannedChange> liveDrift(Container container, ContainerState actual, ResourceAddress address,
            ContainerSteps steps, Map<String, List<String>> desired) {
        List<AttributeChange> limits = LiveLimits.drift(desired, actual.live());
        String staticAddress = container.network().isDhcp() ? null : container.network().ipv4().replaceFirst("/.*", "");
        if (staticAddress != null && !actual.ipv4().isEmpty() && !actual.ipv4().contains(staticAddress)) {
            List<AttributeChange> attributes = new ArrayList<>(limits);
            attributes.add(new AttributeChange("ipv4 (in force)", String.join(", ", actual.ipv4()), staticAddress));
            List<Step> restart = new ArrayList<>(List.of(steps.stop()));
            restart.addAll(steps.start());
            return Optional.of(new PlannedChange(address, Action.UPDATE, Cause.DRIFT, "the container's address in force is "
                    + String.join(", ", actual.ipv4()) + ", not its configured " + staticAddress
                    + "; it will be restarted to bring the configured address back", attributes, List.of(), restart));
        }
        if (limits.isEmpty()) {
            return Optional.empty();
        }
        List<Step> set = limits.stream().map(a -> steps.setLive(LiveLimits.configKey(a), a.after())).toList();
        return Optional.of(new PlannedChange(address, Action.UPDATE, Cause.DRIFT, "the limits in force differ from the"
                + " container's configuration (changed live, with lxc-cgroup); they are set again without a restart",
                limits, List.of(), set));
    }

    private static Optional<PlannedChange> destroy(Container container, ContainerState actual, ResourceAddress address,
            ContainerSteps steps) {
        if (actual.incomplete()) {
            return Optional.of(new PlannedChange(address, Action.DELETE, Cause.DRIFT, "unfinished by an interrupted apply",
                    List.of(), List.of(), List.of(steps.discardUnfinished())));
        }
        if (!actual.present()) {
            return Optional.empty();
        }
        if (container.isProtected()) {
            throw new PlanningFailed(address + " is protected: destroy refused. Set protected: false in the inventory"
                    + " first if destroying it and its data is intended, or leave it out with --target");
        }
        Hazard hazard = new Hazard(dev.provision.plan.HazardKind.CONTAINER_DESTROY, "the container and everything in it, including PostgreSQL data, is deleted");
        return Optional.of(new PlannedChange(address, Action.DELETE, Cause.INVENTORY, "destroy was requested",
                List.of(new AttributeChange("state", actual.state(), null)), List.of(hazard), steps.destroy(actual.running())));
    }

    static List<AttributeChange> diff(Map<String, List<String>> current, Map<String, List<String>> desired) {
        List<AttributeChange> changes = new ArrayList<>();
        for (String key : new TreeSet<>(DesiredConfig.MANAGED_KEYS)) {
            List<String> before = current.getOrDefault(key, List.of());
            List<String> after = desired.getOrDefault(key, List.of());
            if (!before.equals(after)) {
                changes.add(new AttributeChange(key, join(before), join(after)));
            }
        }
        return changes;
    }

    /** The guest's own files (interfaces, hostname) follow these keys, so they are rewritten when one changes. */
    private static boolean guestFilesChanged(Map<String, List<String>> current, Map<String, List<String>> desired) {
        return !current.getOrDefault("lxc.uts.name", List.of()).equals(desired.getOrDefault("lxc.uts.name", List.of()))
                || !current.getOrDefault("lxc.net.0.ipv4.address", List.of()).equals(desired.getOrDefault("lxc.net.0.ipv4.address", List.of()))
                || !current.getOrDefault("lxc.net.0.ipv4.gateway", List.of()).equals(desired.getOrDefault("lxc.net.0.ipv4.gateway", List.of()));
    }

    /** The image as lxc-create recorded it: the template's name and the arguments it was given. */
    static String imageOf(ContainerState actual) {
        String template = actual.config().comment("Template used to create this container");
        String parameters = actual.config().comment("Parameters passed to the template");
        if (template == null || parameters == null) {
            return null;
        }
        String name = template.substring(template.lastIndexOf('/') + 1).replaceFirst("^lxc-", "");
        return name + " " + parameters;
    }

    private static String describe(Container container) {
        return container.image().template() + " " + String.join(" ", ContainerSteps.templateArgs(container.image()));
    }

    private static String join(List<String> values) {
        return values.isEmpty() ? null : String.join(", ", values);
    }
}
