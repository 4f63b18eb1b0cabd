package dev.provision.inventory;

import dev.provision.diag.SourceRange;

/** One PostgreSQL parameter as the user wrote it, with where, so later checks can point at it. */
public record Setting(String name, String value, SourceRange at) {}
