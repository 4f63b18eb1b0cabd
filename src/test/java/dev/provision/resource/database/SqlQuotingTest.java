package dev.provision.resource.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provision.diag.SourceRange;
import dev.provision.inventory.Role;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The SQL builders are safe on their own, whatever validation lets through: every name is one quoted
 * identifier, every value one literal, and a privilege outside the kind's list never reaches SQL.
 */
class SqlQuotingTest {
    static final String EVIL = "x\"; DROP ROLE postgres; --";
    static final String QUOTED = "\"x\"\"; DROP ROLE postgres; --\"";

    static Role evilRole() {
        return new Role(EVIL, SourceRange.none(Path.of("t")), true, false, false, false, false, -1, "2030-01-01'; DROP", List.of(EVIL + "2"), null);
    }

    @Test
    void quotesRoleNamesAndValues() {
        assertThat(RoleSql.create(evilRole())).isEqualTo("CREATE ROLE " + QUOTED
                + " WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION CONNECTION LIMIT -1 VALID UNTIL '2030-01-01''; DROP'");
        assertThat(RoleSql.grantMembership(EVIL, "a")).isEqualTo("GRANT " + QUOTED + " TO \"a\"");
    }

    @Test
    void quotesDatabaseSchemaAndParameterNames() {
        assertThat(DatabaseSql.owner(EVIL, EVIL)).isEqualTo("ALTER DATABASE " + QUOTED + " OWNER TO " + QUOTED);
        assertThat(DatabaseSql.set("d", "work_mem; DROP", "1'; DROP")).isEqualTo("ALTER DATABASE \"d\" SET \"work_mem; DROP\" = '1''; DROP'");
        assertThat(SchemaSql.create(EVIL, EVIL)).isEqualTo("CREATE SCHEMA " + QUOTED + " AUTHORIZATION " + QUOTED);
        assertThat(SchemaSql.createExtension(EVIL, EVIL, "1'")).isEqualTo("CREATE EXTENSION " + QUOTED + " WITH SCHEMA " + QUOTED + " VERSION '1'''");
    }

    @Test
    void quotesGrantTargetsAndGranteesAndChecksPrivileges() {
        DbObject table = new DbObject(ObjectKind.TABLE, EVIL, EVIL, null);
        assertThat(GrantSql.grant(table, Set.of("SELECT"), EVIL)).isEqualTo("GRANT SELECT ON TABLE " + QUOTED + "." + QUOTED + " TO " + QUOTED);
        assertThat(GrantSql.revoke(DbObject.database("d"), Set.of("CONNECT"), "public")).isEqualTo("REVOKE CONNECT ON DATABASE \"d\" FROM PUBLIC");
        assertThat(GrantSql.grant(DbObject.database("d"), Set.of("CONNECT"), "Public")).as("only the lower-case name is the keyword")
                .endsWith("TO \"Public\"");
        assertThatThrownBy(() -> GrantSql.grant(table, Set.of("SELECT ON TABLE x TO y; --"), "a"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
