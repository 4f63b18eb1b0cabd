package dev.provision.resource.lxc;

import dev.provision.inventory.Container;
import dev.provision.inventory.Image;
import java.util.Optional;

/**
 * A stopped, prepared container that new containers are cloned from: the image's root filesystem with
 * one PostgreSQL major version and its locales installed, and nothing that belongs to any container
 * (no cluster, no SSH host keys, no TLS key, no DHCP lease). One per (template, distribution, release,
 * architecture, PostgreSQL version) on a host; never declared in the inventory, never changed once ready.
 *
 * @param name the LXC container name, such as {@code provision-base-debian-bookworm-pg15}
 */
public record Base(String name, int postgresVersion) {
    static final String PREFIX = "provision-base-";

    /** The base a container would be cloned from, or empty for a container without PostgreSQL. */
    public static Optional<Base> of(Container container) {
        if (container.postgres() == null) {
            return Optional.empty();
        }
        Image image = container.image();
        // The debian and ubuntu templates build for the host's own architecture, so it is implied.
        String origin = "download".equals(image.template())
                ? "download-" + image.distro() + "-" + image.release() + "-" + (image.arch() == null ? "amd64" : image.arch())
                : image.template() + "-" + image.release();
        String name = PREFIX + slug(origin) + "-pg" + container.postgres().version() + sourceSuffix(container.postgres().packageSource());
        return Optional.of(new Base(name, container.postgres().version()));
    }

    /**
     * Bases whose packages come from a declared repository are kept apart from the release's own and from
     * each other: {@code -apt} and a digest of the repository's line and key; nothing for the release's own.
     */
    private static String sourceSuffix(dev.provision.inventory.PackageSource source) {
        if (source == null) {
            return "";
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((source.sourcesLine("") + "\n" + source.key()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "-apt" + java.util.HexFormat.of().formatHex(digest, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** LXC names allow letters, digits, dots, dashes and underscores; anything else becomes a dash. */
    private static String slug(String text) {
        return text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
    }
}
