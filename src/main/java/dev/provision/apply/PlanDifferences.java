package dev.provision.apply;

import dev.provision.plan.Plan;
import java.util.List;

/**
 * How a plan made again differs from the one shown: no lines when apply would run the same steps on
 * the same resources, else one line per difference, for the user.
 */
@FunctionalInterface
public interface PlanDifferences {
    List<String> between(Plan shown, Plan fresh);
}
