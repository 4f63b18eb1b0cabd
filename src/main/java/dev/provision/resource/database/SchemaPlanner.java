package dev.provision.resource.database;

import dev.provision.inventory.Database;
import dev.provision.inventory.Extension;
import dev.provision.inventory.Schema;
import dev.provision.plan.Action;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Cause;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.ResourceAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides what a database's declared schemas (existence, owner) and extensions (existence, version,
 * schema) need. Undeclared schemas and extensions are {@link RemovalPlanner}'s. Each change is one transaction in
 * the database. Pure: no I/O.
 */
final class SchemaPlanner {

    List<PlannedChange> plan(Server server, Database db, DatabaseCatalog catalog) {
        List<PlannedChange> changes = new ArrayList<>();
        ResourceAddress base = server.database(db.name());
        for (Schema schema : db.schemas().values()) {
            String owner = owner(db, schema);
            String actual = catalog.schemaOwner(schema.name());
            ResourceAddress address = base.child("schemas").child(schema.name());
            if (actual == null) {
                changes.add(new PlannedChange(address, Action.CREATE, Cause.INVENTORY, "schema does not exist",
                        List.of(new AttributeChange("owner", null, owner)), List.of(),
                        List.of(server.sql(db.name(), List.of(SchemaSql.create(schema.name(), owner)), true),
                                recorded(server, Owned.Entry.in(Owned.Kind.SCHEMA, db.name(), schema.name())))));
            } else if (!owner.equals(actual)) {
                changes.add(new PlannedChange(address, Action.UPDATE, Cause.DRIFT, "schema owner differs",
                        List.of(new AttributeChange("owner", actual, owner)), List.of(),
                        List.of(server.sql(db.name(), List.of(SchemaSql.owner(schema.name(), owner)), true))));
            }
        }
        for (Extension extension : db.extensions().values()) {
            extension(server, db, extension, catalog.extensions().get(extension.name()), base.child("extensions")
                    .child(extension.name())).ifPresent(changes::add);
        }
        return changes;
    }

    private static java.util.Optional<PlannedChange> extension(Server server, Database db, Extension wanted,
            InstalledExtension actual, ResourceAddress address) {
        if (actual == null) {
            List<AttributeChange> attributes = new ArrayList<>();
            if (wanted.version() != null) {
                attributes.add(new AttributeChange("version", null, wanted.version()));
            }
            if (wanted.schema() != null) {
                attributes.add(new AttributeChange("schema", null, wanted.schema()));
            }
            return java.util.Optional.of(new PlannedChange(address, Action.CREATE, Cause.INVENTORY, "extension is not installed",
                    attributes, List.of(), List.of(server.sql(db.name(),
                    List.of(SchemaSql.createExtension(wanted.name(), wanted.schema(), wanted.version())), true),
                    recorded(server, Owned.Entry.in(Owned.Kind.EXTENSION, db.name(), wanted.name())))));
        }
        List<AttributeChange> attributes = new ArrayList<>();
        List<String> statements = new ArrayList<>();
        if (wanted.version() != null && !wanted.version().equals(actual.version())) {
            attributes.add(new AttributeChange("version", actual.version(), wanted.version()));
            statements.add(SchemaSql.updateExtension(wanted.name(), wanted.version()));
        }
        if (wanted.schema() != null && !wanted.schema().equals(actual.schema())) {
            attributes.add(new AttributeChange("schema", actual.schema(), wanted.schema()));
            statements.add(SchemaSql.extensionSchema(wanted.name(), wanted.schema()));
        }
        if (statements.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new PlannedChange(address, Action.UPDATE, Cause.DRIFT, "extension differs from the inventory",
                attributes, List.of(), List.of(server.sql(db.name(), statements, true))));
    }

    /** The step that records {@code entry} as created by provision. */
    private static dev.provision.plan.Step recorded(Server server, Owned.Entry entry) {
        return server.sql(null, Ownership.record(List.of(entry)), true);
    }

    /** A schema's declared owner, else the database's owner. */
    static String owner(Database db, Schema schema) {
        return schema.owner() != null ? schema.owner() : DatabasePlanner.owner(db);
    }
}
