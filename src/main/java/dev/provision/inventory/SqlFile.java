package dev.provision.inventory;

import dev.provision.diag.SourceRange;

/** A SQL file as listed in the inventory: the path as written, and where it was written. */
public record SqlFile(String path, SourceRange at) {}
