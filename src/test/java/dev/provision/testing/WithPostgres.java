package dev.provision.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link PostgresServer} started once per test run and stopped when the run ends;
 * fails them, saying what to install, where no PostgreSQL 15 binaries are (bin/test installs them):
 * a skipped test would pass for nothing. Each test gets the server reset.
 */
public final class WithPostgres implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PostgresServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (!PostgresServer.available()) {
            throw new IllegalStateException("these tests need PostgreSQL 15 binaries in " + PostgresServer.BIN
                    + " and root; install postgresql-15 (bin/test does)");
        }
        PostgresServer server = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(PostgresServer.class, k -> PostgresServer.start(), PostgresServer.class);
        server.reset();
        return server;
    }
}
