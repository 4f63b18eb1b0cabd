package dev.provision.plan;

import dev.provision.host.HostPaths;

/** The names of provision's own admin access to each server, shared by planners and the applier. */
public final class AdminAccess {
    /** The role provision connects as, through the SSH tunnel. */
    public static final String ROLE = "provision_admin";

    private AdminAccess() {}

    /** Where the host keeps the role's password: root-only, never copied into the inventory or plan. */
    public static String secretPath(String container) {
        return HostPaths.adminPassword(container);
    }
}
