package dev.provision.resource.database;

/** An extension installed in a database, with its version and schema. */
record InstalledExtension(String name, String version, String schema) {}
