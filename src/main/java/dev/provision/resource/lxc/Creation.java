package dev.provision.resource.lxc;

import dev.provision.inventory.Container;
import java.time.Duration;
import java.util.Set;

/**
 * How a container that does not exist yet comes to be: from its template (lxc-create), as a clone of
 * a ready base (lxc-copy), or as a clone of a base that the same change prepares first.
 */
public sealed interface Creation {

    /** lxc-create from the template. {@code note} says why no base is used, or is {@code null}. */
    record FromTemplate(String note) implements Creation {}

    /** lxc-copy from a ready base; {@code snapshot} means an overlay snapshot rather than a full copy. */
    record Clone(Base base, String preparedAt, boolean snapshot) implements Creation {}

    /**
     * Prepare the base (discarding what an interrupted preparation left, if anything), then clone it.
     *
     * @param rebuild why a ready base is discarded and prepared again (it is too old), or {@code null}
     */
    record PrepareAndClone(Base base, boolean discardIncomplete, boolean snapshot, String rebuild) implements Creation {
        public PrepareAndClone(Base base, boolean discardIncomplete, boolean snapshot) {
            this(base, discardIncomplete, snapshot, null);
        }
    }

    /**
     * Chooses for one container, pure. A base is prepared by the first container of a plan that needs
     * it ({@code preparedByThisPlan} holds those already claimed); later ones of the same plan use the
     * template, so containers created in parallel never wait for each other.
     */
    static Creation choose(Container container, HostState host, Set<String> preparedByThisPlan) {
        return choose(container, host, preparedByThisPlan, Duration.ZERO);
    }

    /**
     * As {@link #choose(Container, HostState, Set)}, and a ready base prepared more than {@code maxAge} ago
     * (by the host's clock; {@code 0}: never too old) is rebuilt first, so clones get current packages,
     * unless containers are overlay snapshots of it: rebuilding it would pull their lower layer from under
     * them, so it is kept for them and this container is made from the template instead.
     */
    static Creation choose(Container container, HostState host, Set<String> preparedByThisPlan, Duration maxAge) {
        Base base = Base.of(container).orElse(null);
        if (base == null) {
            return new FromTemplate(null);
        }
        if (preparedByThisPlan.contains(base.name())) {
            return new FromTemplate("base " + base.name() + " is prepared by another container of this plan");
        }
        BaseState state = host.base(base.name());
        return switch (state.status()) {
            case READY -> {
                String age = BaseAge.tooOld(state.preparedAt(), host.now(), maxAge);
                if (age == null) {
                    yield new Clone(base, state.preparedAt(), host.overlaySnapshots());
                }
                yield state.snapshots() > 0
                        ? new FromTemplate("base " + base.name() + " " + age + ", but " + state.snapshots()
                                + " container(s) are overlay snapshots of it, so it is kept for them")
                        : new PrepareAndClone(base, true, host.overlaySnapshots(), "base " + base.name() + " " + age);
            }
            case ABSENT -> new PrepareAndClone(base, false, host.overlaySnapshots());
            case INCOMPLETE -> new PrepareAndClone(base, true, host.overlaySnapshots());
            case FOREIGN -> new FromTemplate("a container named " + base.name()
                    + " exists that provision did not prepare; it is left alone");
        };
    }
}
