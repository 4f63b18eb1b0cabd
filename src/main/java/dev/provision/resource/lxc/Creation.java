package dev.provision.resource.lxc;

import dev.provision.inventory.Container;
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

    /** Prepare the base (discarding what an interrupted preparation left, if anything), then clone it. */
    record PrepareAndClone(Base base, boolean discardIncomplete, boolean snapshot) implements Creation {}

    /**
     * Chooses for one container, pure. A base is prepared by the first container of a plan that needs
     * it ({@code preparedByThisPlan} holds those already claimed); later ones of the same plan use the
     * template, so containers created in parallel never wait for each other.
     */
    static Creation choose(Container container, HostState host, Set<String> preparedByThisPlan) {
        Base base = Base.of(container).orElse(null);
        if (base == null) {
            return new FromTemplate(null);
        }
        if (preparedByThisPlan.contains(base.name())) {
            return new FromTemplate("base " + base.name() + " is prepared by another container of this plan");
        }
        BaseState state = host.base(base.name());
        return switch (state.status()) {
            case READY -> new Clone(base, state.preparedAt(), host.overlaySnapshots());
            case ABSENT -> new PrepareAndClone(base, false, host.overlaySnapshots());
            case INCOMPLETE -> new PrepareAndClone(base, true, host.overlaySnapshots());
            case FOREIGN -> new FromTemplate("a container named " + base.name()
                    + " exists that provision did not prepare; it is left alone");
        };
    }
}
