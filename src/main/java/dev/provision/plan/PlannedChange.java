package dev.provision.plan;

import java.util.List;

/**
 * One change to one resource: what, why, the attributes that differ, the hazards it carries, and the
 * exact steps apply will run.
 *
 * @param summary one line on why, for example "container is stopped (drift)" or "memory limit changed"
 * @param hazards what could be lost or disrupted; a change with hazards is refused unless allowed
 */
public record PlannedChange(
        ResourceAddress address,
        Action action,
        Cause cause,
        String summary,
        List<AttributeChange> attributes,
        List<Hazard> hazards,
        List<Step> steps) {

    public PlannedChange {
        attributes = List.copyOf(attributes);
        hazards = List.copyOf(hazards);
        steps = List.copyOf(steps);
    }
}
