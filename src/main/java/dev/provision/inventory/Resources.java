package dev.provision.inventory;

import dev.provision.diag.SourceRange;

/**
 * Limits applied to a container through cgroups.
 *
 * @param memoryBytes the memory limit in bytes, or {@code null} for none
 * @param cpus the number of CPUs the container may use, or {@code null} for all
 */
public record Resources(SourceRange at, Long memoryBytes, Integer cpus) {

    public static Resources unlimited(SourceRange at) {
        return new Resources(at, null, null);
    }
}
