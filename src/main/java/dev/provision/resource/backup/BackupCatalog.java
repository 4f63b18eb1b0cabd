package dev.provision.resource.backup;

import dev.provision.connect.Connections;
import dev.provision.driver.Parallel;
import dev.provision.plan.Targets;
import dev.provision.inventory.Container;
import dev.provision.inventory.Inventory;
import java.util.List;

/** Reads the backups of every backed-up server within the targets, each with the probe plan uses. Changes nothing. */
public final class BackupCatalog {
    private static final int READERS = 6;

    /** One server's backups as read. */
    public record Server(Container container, BackupState state) {}

    private final BackupReader reader = new BackupReader();

    public List<Server> read(Inventory inventory, Targets targets, Connections connections) {
        return Parallel.map(BackupDriver.backedUp(inventory, targets), READERS,
                container -> new Server(container, reader.read(container, connections)));
    }
}
