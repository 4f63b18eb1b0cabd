package dev.provision.testing;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link PostgresServer} started once per test run and stopped when the run ends;
 * skips them where no PostgreSQL 15 binaries are installed. Each test gets the server reset.
 */
public final class WithPostgres implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PostgresServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Assumptions.assumeTrue(PostgresServer.available(), "PostgreSQL 15 binaries in " + PostgresServer.BIN + " and root");
        PostgresServer server = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(PostgresServer.class, k -> PostgresServer.start(), PostgresServer.class);
        server.reset();
        return server;
    }
}
