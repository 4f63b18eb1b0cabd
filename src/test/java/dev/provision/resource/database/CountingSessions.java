package dev.provision.resource.database;

import dev.provision.postgres.PostgresSession;
import dev.provision.postgres.PostgresSessions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Admin sessions that count the round trips made through them: queries and password checks. */
final class CountingSessions implements PostgresSessions {
    private final PostgresSessions delegate;
    private final AtomicInteger roundTrips = new AtomicInteger();

    CountingSessions(PostgresSessions delegate) {
        this.delegate = delegate;
    }

    int roundTrips() {
        return roundTrips.get();
    }

    @Override
    public PostgresSession open(String container, String database) {
        PostgresSession session = delegate.open(container, database);
        return new PostgresSession() {
            @Override
            public boolean isAlive() {
                return session.isAlive();
            }

            @Override
            public List<Map<String, Object>> query(String sql, Object... params) {
                roundTrips.incrementAndGet();
                return session.query(sql, params);
            }

            @Override
            public void executeInTransaction(List<String> statements) {
                roundTrips.incrementAndGet();
                session.executeInTransaction(statements);
            }

            @Override
            public void executeAlone(String statement) {
                roundTrips.incrementAndGet();
                session.executeAlone(statement);
            }

            @Override
            public void setPassword(String role, char[] password) {
                roundTrips.incrementAndGet();
                session.setPassword(role, password);
            }

            @Override
            public boolean passwordMatches(String role, char[] password) {
                roundTrips.incrementAndGet();
                return session.passwordMatches(role, password);
            }

            @Override
            public Set<String> matchingPasswords(Map<String, char[]> passwords) {
                roundTrips.incrementAndGet();
                return session.matchingPasswords(passwords);
            }

            @Override
            public void close() {
                session.close();
            }
        };
    }

    @Override
    public void close() {
        delegate.close();
    }
}
