package dev.provision.inventory;

import dev.provision.diag.Diagnostics;
import dev.provision.diag.SourceRange;
import java.nio.file.Path;

/**
 * Reads an inventory file into the model and validates it, offline: nothing is contacted.
 *
 * <p>User mistakes never throw; they come back as diagnostics with positions, all at once.
 */
public final class InventoryLoader {

    public Loaded load(Path file) {
        Diagnostics diagnostics = new Diagnostics();
        diagnostics.error(SourceRange.none(file), "inventory loading is not implemented yet", null);
        return new Loaded(null, diagnostics);
    }
}
