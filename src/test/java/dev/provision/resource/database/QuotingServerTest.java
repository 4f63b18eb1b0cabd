package dev.provision.resource.database;

import static dev.provision.resource.database.SqlQuotingTest.EVIL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.SourceRange;
import dev.provision.inventory.Role;
import dev.provision.postgres.PostgresSession;
import dev.provision.testing.PostgresServer;
import dev.provision.testing.WithPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The statements the builders make from hostile names run on a real server as exactly one object each. */
@ExtendWith(WithPostgres.class)
class QuotingServerTest {

    @Test
    void hostileNamesBecomeObjectsNotStatements(PostgresServer server) {
        Role role = new Role(EVIL, SourceRange.none(Path.of("t")), false, false, false, false, false, 2, null, List.of(), null);
        try (PostgresSession s = server.session("postgres")) {
            s.executeInTransaction(List.of(RoleSql.create(role)));
            s.executeAlone("CREATE DATABASE " + dev.provision.postgres.Sql.ident(EVIL));
        }
        try (PostgresSession s = server.session(EVIL)) {
            s.executeInTransaction(List.of(SchemaSql.create(EVIL, EVIL),
                    "CREATE TABLE " + dev.provision.postgres.Sql.ident(EVIL) + ".t (id int)",
                    GrantSql.grant(new DbObject(ObjectKind.TABLE, EVIL, "t", null), Set.of("SELECT"), EVIL)));
            assertThat(s.query("SELECT rolname FROM pg_roles WHERE rolname IN (?, 'postgres') ORDER BY 1", EVIL))
                    .extracting(r -> r.get("rolname")).containsExactly("postgres", EVIL);
            assertThat(s.query("SELECT has_table_privilege(?, format('%I.t', ?::text), 'SELECT') AS ok", EVIL, EVIL))
                    .extracting(r -> r.get("ok")).containsExactly(true);
        }
    }
}
