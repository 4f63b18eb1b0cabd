package dev.provision.inventory;

import dev.provision.diag.SourceRange;

/** An extension; {@code version} null means the default version, {@code schema} null the default schema. */
public record Extension(String name, SourceRange at, String version, String schema) {}
