package dev.provision.inventory;

import dev.provision.diag.SourceRange;

/** A host directory bind-mounted into the container. */
public record Mount(SourceRange at, String source, String target, boolean readOnly) {}
