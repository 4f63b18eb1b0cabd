package dev.provision.resource.schema;

import java.util.Map;

/**
 * What the catalog says about one live table that a planned statement touches, for judging hazards.
 *
 * @param estimatedRows the planner's row estimate (the larger of reltuples and the live-tuple count)
 * @param columnTypes column name to its type as {@code format_type} writes it
 */
record TableFacts(boolean hasRows, double estimatedRows, Map<String, String> columnTypes) {

    static final TableFacts ABSENT = new TableFacts(false, 0, Map.of());

    TableFacts {
        columnTypes = Map.copyOf(columnTypes);
    }
}
