package dev.provision.inventory;

import dev.provision.diag.SourceRange;

/** A schema in a database; {@code owner} null means the database owner. */
public record Schema(String name, SourceRange at, String owner) {}
