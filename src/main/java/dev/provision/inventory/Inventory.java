package dev.provision.inventory;

import java.nio.file.Path;
import java.util.Map;

/**
 * The desired state, as loaded and validated from one inventory file: hosts and the containers on them.
 *
 * <p>Maps keep the order of the file. Relative paths in the model (SQL files, identities) are
 * resolved against {@link #baseDir()}.
 */
public record Inventory(Path file, Path baseDir, Map<String, Host> hosts, Map<String, Container> containers) {

    public Inventory {
        hosts = Maps.ordered(hosts);
        containers = Maps.ordered(containers);
    }
}
