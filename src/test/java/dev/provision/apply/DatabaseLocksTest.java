package dev.provision.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.postgres.PostgresSession;
import dev.provision.testing.PostgresServer;
import dev.provision.testing.WithPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two runs that reach the same database never change it at once, on a real server. */
@ExtendWith(WithPostgres.class)
class DatabaseLocksTest {

    @Test
    void aSecondRunWaitsThenFailsNamingTheSessionThatHoldsTheDatabase(PostgresServer server) {
        try (PostgresSession first = server.session("postgres"); PostgresSession second = server.session("postgres")) {
            new DatabaseLocks(Duration.ofSeconds(30)).acquire(first, "containers.db.postgres");

            Instant started = Instant.now();
            assertThatThrownBy(() -> new DatabaseLocks(Duration.ofSeconds(1)).acquire(second, "containers.db.postgres"))
                    .isInstanceOf(StepFailed.class)
                    .hasMessageStartingWith("containers.db.postgres: another session is changing this database")
                    .hasMessageContaining("PID ")
                    .hasMessageContaining("nothing was changed in it")
                    .hasMessageContaining("pg_terminate_backend");
            assertThat(Duration.between(started, Instant.now())).as("it waited for the holder first")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void theLockIsTheRunsUntilItsSessionEndsThenTheNextRunTakesIt(PostgresServer server) {
        PostgresSession first = server.session("postgres");
        DatabaseLocks run = new DatabaseLocks(Duration.ofSeconds(1));
        run.acquire(first, "containers.db.postgres");
        run.acquire(first, "containers.db.postgres"); // held already: no second lock, no wait

        assertThat(first.query("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"))
                .isEqualTo(List.of(java.util.Map.of("n", 1)));
        first.close();

        try (PostgresSession next = server.session("postgres")) {
            new DatabaseLocks(Duration.ofSeconds(1)).acquire(next, "containers.db.postgres");
        }
    }

    @Test
    void locksAreScopedToTheirDatabase(PostgresServer server) {
        try (PostgresSession admin = server.session("postgres")) {
            admin.executeAlone("CREATE DATABASE other");
            new DatabaseLocks(Duration.ofSeconds(1)).acquire(admin, "containers.db.postgres");
            try (PostgresSession other = server.session("other")) {
                new DatabaseLocks(Duration.ofSeconds(1)).acquire(other, "containers.db.postgres.databases.other");
            }
        }
    }
}
