package dev.provision.cli;

import dev.provision.engine.AddressCatalog;
import dev.provision.inventory.Suggestions;
import dev.provision.plan.Plan;
import dev.provision.plan.ResourceAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the {@code --target} addresses: each must name an address of the inventory (or a group of
 * them), or a managed resource the plan removes. A target that is neither stops the command with
 * exit 3 and the nearest addresses; one that cannot name any resource stops it before anything is
 * contacted.
 */
final class TargetCheck {
    private final AddressCatalog catalog;
    private final List<String> undeclared = new ArrayList<>();

    private TargetCheck(AddressCatalog catalog) {
        this.catalog = catalog;
    }

    /** Checks what can be checked offline; the targets left must be found among the plan's changes ({@link #afterPlanning}). */
    static TargetCheck beforeReading(AddressCatalog catalog, List<String> targets) {
        TargetCheck check = new TargetCheck(catalog);
        List<String> impossible = new ArrayList<>();
        for (String target : targets) {
            if (catalog.declares(target)) {
                continue;
            }
            if (AddressCatalog.possible(target)) {
                check.undeclared.add(target);
            } else {
                impossible.add(target);
            }
        }
        if (!impossible.isEmpty()) {
            throw new UserError(check.describe(impossible, "no resource can have this address") + "; nothing was contacted");
        }
        return check;
    }

    /** The targets not in the inventory must each select a change of the plan (a resource provision removes). */
    void afterPlanning(Plan plan) {
        List<String> unmatched = undeclared.stream()
                .filter(target -> plan.changes().stream().noneMatch(c -> c.address().isWithin(new ResourceAddress(target))))
                .toList();
        if (!unmatched.isEmpty()) {
            throw new UserError(describe(unmatched, "not in the inventory, and not a resource provision manages and"
                    + " would remove") + "; nothing was changed");
        }
    }

    private String describe(List<String> targets, String why) {
        List<String> lines = new ArrayList<>();
        for (String target : targets) {
            List<String> nearest = Suggestions.nearest(target, catalog.addresses(), 3);
            lines.add("--target " + target + ": " + why + "; "
                    + (nearest.isEmpty() ? "run 'provision addresses' to list the inventory's addresses"
                            : "did you mean " + String.join(" or ", nearest.stream().map(a -> "\"" + a + "\"").toList())
                                    + "? ('provision addresses' lists them all)"));
        }
        return String.join("\n", lines);
    }
}
