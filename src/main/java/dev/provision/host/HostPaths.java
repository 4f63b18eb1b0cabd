package dev.provision.host;

import dev.provision.transport.ScriptResource;

/**
 * Every path provision keeps or reads on a host, in one place: Java code uses the constants, and each
 * shell script that needs one is loaded through {@link #script}, which sets them as shell variables
 * ({@code PROVISION_LOCKS}, ...) before the script's first line. None holds a user-supplied value.
 */
public final class HostPaths {
    /** provision's own state on the host, root only. */
    public static final String STATE = "/var/lib/provision";
    /** The desired state provision last applied, one directory per container ({@code engine.AppliedRecords}). */
    public static final String APPLIED = STATE + "/applied";
    /** The admin password of each container's server, one root-only file per container. */
    public static final String SECRETS = STATE + "/secrets";
    /** The locks of runs that change the host, one directory per scope. */
    public static final String LOCKS = STATE + "/locks";
    /**
     * The markers of containers and bases provision made: {@code NAME.owner} (the inventory that
     * declared it), {@code NAME.creating} (creation under way), {@code NAME.applied}, {@code NAME.base}.
     */
    public static final String MARKERS = STATE + "/lxc";
    /** Where LXC keeps its containers unless its system configuration says otherwise ({@code lxc.lxcpath}). */
    public static final String LXC_DEFAULT = "/var/lib/lxc";

    private HostPaths() {}

    /** The root-only file that holds the admin password of {@code container}'s server. */
    public static String adminPassword(String container) {
        return SECRETS + "/" + container + ".admin-password";
    }

    /** The marker {@code kind} ("owner", "creating", "applied", "base") of the container or base {@code name}. */
    public static String marker(String name, String kind) {
        return MARKERS + "/" + name + "." + kind;
    }

    /**
     * The shell script {@code name} shipped beside {@code anchor}, preceded by the assignments of these
     * paths ({@code PROVISION_STATE}, {@code PROVISION_SECRETS}, {@code PROVISION_LOCKS},
     * {@code PROVISION_MARKERS}, {@code LXC_DEFAULT_PATH}), which it uses instead of writing them.
     */
    public static String script(Class<?> anchor, String name) {
        return "PROVISION_STATE=" + STATE + " PROVISION_SECRETS=" + SECRETS + " PROVISION_LOCKS=" + LOCKS
                + " PROVISION_MARKERS=" + MARKERS + " LXC_DEFAULT_PATH=" + LXC_DEFAULT + "\n"
                + ScriptResource.load(anchor, name);
    }
}
