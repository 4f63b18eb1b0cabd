package dev.provision.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.inventory.Inventory;
import dev.provision.inventory.InventoryLoader;
import dev.provision.inventory.Loaded;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Inventories written by a test: saved as {@code dir/inventory.yaml} and loaded, free of any problem. */
public final class TestInventory {
    private TestInventory() {}

    /** Writes {@code yaml} to {@code dir/inventory.yaml} and loads it, asserting validate finds nothing. */
    public static Inventory load(Path dir, String yaml) {
        try {
            Path file = dir.resolve("inventory.yaml");
            Files.writeString(file, yaml);
            Loaded loaded = new InventoryLoader().load(file);
            assertThat(loaded.diagnostics().sorted()).as("the test inventory is valid").isEmpty();
            return loaded.inventory();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
