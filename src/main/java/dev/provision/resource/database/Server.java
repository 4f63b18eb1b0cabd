package dev.provision.resource.database;

import dev.provision.plan.ResourceAddress;
import dev.provision.plan.Step;
import java.util.List;

/** The server a plan is for: where its SQL runs (host, container) and the address its changes hang under. */
record Server(String host, String container, ResourceAddress address) {

    static Server of(String host, String container) {
        return new Server(host, container, ResourceAddress.of("containers", container, "postgres"));
    }

    /** Statements on the maintenance database ({@code database} null) or in one database. */
    Step.Sql sql(String database, List<String> statements, boolean transactional) {
        return new Step.Sql(host, container, database, statements, transactional);
    }

    ResourceAddress role(String name) {
        return address.child("roles").child(name);
    }

    ResourceAddress database(String name) {
        return address.child("databases").child(name);
    }
}
