package dev.provision.cli;

import dev.provision.diag.Diagnostics;
import dev.provision.inventory.Container;
import dev.provision.inventory.InventoryLoader;
import dev.provision.resource.pgserver.ServerFiles;
import dev.provision.inventory.Loaded;
import java.nio.file.Path;

/** Loads the inventory for a command; a command that needs a valid one stops with exit 3 otherwise. */
final class InventoryFiles {
    /** Rendering only checks the template; the admin rule's real address is known when the host is read. */
    private static final String TEMPLATE_CHECK_ADDRESS = "10.0.3.1";

    private InventoryFiles() {}

    /** The inventory, checked with its server configuration template rendered strictly for every server. */
    static Loaded load(Path file) {
        Loaded loaded = new InventoryLoader().load(file);
        if (!loaded.isValid()) {
            return loaded;
        }
        Diagnostics diagnostics = new Diagnostics().addAll(loaded.diagnostics());
        ServerFiles files = new ServerFiles();
        for (Container container : loaded.inventory().containers().values()) {
            if (container.postgres() != null) {
                files.render(loaded.inventory(), container, TEMPLATE_CHECK_ADDRESS, diagnostics);
            }
        }
        return diagnostics.hasErrors() ? new Loaded(null, diagnostics) : new Loaded(loaded.inventory(), diagnostics);
    }
}
