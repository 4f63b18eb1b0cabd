package dev.provision.resource.lxc;

/**
 * A container provision created, as its marker on the host says ({@link dev.provision.host.HostPaths#MARKERS}{@code /NAME.owner}).
 *
 * @param state {@code declared} when the plan asked about it as a declared container, else its
 *     lxc-info state (RUNNING, STOPPED, ...) or {@code absent}
 * @param owner the identity of the inventory that declared it ({@link ContainerOwner})
 */
public record OwnedContainer(String name, String state, String owner) {

    public boolean present() {
        return !"absent".equals(state);
    }

    public boolean running() {
        return "RUNNING".equals(state);
    }
}
