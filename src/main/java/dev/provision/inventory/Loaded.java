package dev.provision.inventory;

import dev.provision.diag.Diagnostics;

/**
 * The result of loading an inventory: the model when it is valid, and every problem found.
 *
 * @param inventory {@code null} when {@code diagnostics} has errors
 */
public record Loaded(Inventory inventory, Diagnostics diagnostics) {

    public boolean isValid() {
        return inventory != null && !diagnostics.hasErrors();
    }
}
