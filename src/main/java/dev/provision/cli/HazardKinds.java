package dev.provision.cli;

import dev.provision.inventory.Database;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The hazard kinds {@code --allow} accepts, as shell completion offers them. */
final class HazardKinds implements Iterable<String> {
    /** Every kind a plan can carry: the containers' and the schema objects'. */
    static final List<String> ALL = all();

    private static List<String> all() {
        List<String> all = new ArrayList<>(List.of("container-replace", "container-destroy"));
        all.addAll(Database.SCHEMA_HAZARDS);
        return List.copyOf(all);
    }

    @Override
    public Iterator<String> iterator() {
        return ALL.iterator();
    }
}
