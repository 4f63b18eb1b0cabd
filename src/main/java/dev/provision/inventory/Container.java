package dev.provision.inventory;

import dev.provision.diag.SourceRange;
import java.util.List;

/**
 * An LXC container on a declared host, and the PostgreSQL server it runs (optional).
 *
 * @param hostname the hostname inside the container; defaults to the container name
 * @param isProtected destroy and replace are refused
 */
public record Container(
        String name,
        SourceRange at,
        String host,
        Image image,
        Resources resources,
        Network network,
        boolean autostart,
        boolean isProtected,
        String hostname,
        List<Mount> mounts,
        Postgres postgres) {

    public Container {
        mounts = List.copyOf(mounts);
    }
}
