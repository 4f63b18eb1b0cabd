package dev.provision.cli;

import dev.provision.inventory.InventoryLoader;
import dev.provision.inventory.Loaded;
import java.nio.file.Path;

/** Loads the inventory for a command; a command that needs a valid one stops with exit 3 otherwise. */
final class InventoryFiles {
    private InventoryFiles() {}

    static Loaded load(Path file) {
        return new InventoryLoader().load(file);
    }
}
