package dev.provision.resource.lxc;

/**
 * Where a stopped container's root filesystem is written from the host: its directory, or for an
 * overlay snapshot the upper layer, with the lower layer it covers.
 *
 * @param lower the overlay's lower layer, or {@code null} for a plain directory
 */
record Rootfs(String path, String lower) {

    static Rootfs dir(String path) {
        return new Rootfs(path, null);
    }

    /** Reads LXC's {@code lxc.rootfs.path} ({@code dir:/p}, {@code /p}, {@code overlay:/lower:/upper}); {@code fallback} when unknown. */
    static Rootfs parse(String value, String fallback) {
        if (value == null || value.isBlank()) {
            return dir(fallback);
        }
        for (String prefix : new String[] {"overlay:", "overlayfs:"}) {
            if (value.startsWith(prefix)) {
                String[] layers = value.substring(prefix.length()).split(":");
                return layers.length == 2 ? new Rootfs(layers[1], layers[0]) : dir(fallback);
            }
        }
        if (value.startsWith("dir:")) {
            return dir(value.substring("dir:".length()));
        }
        return value.startsWith("/") ? dir(value) : dir(fallback);
    }
}
