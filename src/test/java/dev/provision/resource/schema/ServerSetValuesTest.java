package dev.provision.resource.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.testing.PostgresServer;
import dev.provision.testing.WithPostgres;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The differ's read of columns' options leaves the options a server sets itself out, and keeps the others. */
@ExtendWith(WithPostgres.class)
class ServerSetValuesTest {

    @Test
    void onlyTheReadOfColumnsOptionsIsRewritten() {
        assertThat(ServerSetValues.rewrite("SELECT relname FROM pg_class")).isEqualTo("SELECT relname FROM pg_class");
        assertThat(ServerSetValues.rewrite("SELECT " + ServerSetValues.ATTRIBUTE_OPTIONS_READ + " AS o FROM pg_attribute a"))
                .doesNotContain("SELECT " + ServerSetValues.ATTRIBUTE_OPTIONS_READ).contains("pg_attver");
    }

    @Test
    void theRewrittenReadDropsServerSetOptionsWhereverTheyStandAndKeepsDeclaredOnes(PostgresServer server) {
        String read = ServerSetValues.rewrite("SELECT " + ServerSetValues.ATTRIBUTE_OPTIONS_READ
                + " AS o FROM (VALUES (?::text[])) AS a (attoptions)");
        try (var session = server.session("postgres")) {
            Map<String, String> cases = new java.util.LinkedHashMap<>();
            cases.put("{pg_attver=12}", null);
            cases.put("{pg_attver=12,n_distinct=5}", "n_distinct=5");
            cases.put("{n_distinct=5,pg_attver=12}", "n_distinct=5");
            cases.put("{n_distinct=5,pg_attver=12,n_distinct_inherited=-1}", "n_distinct=5,n_distinct_inherited=-1");
            cases.put("{n_distinct=5}", "n_distinct=5");
            cases.put("{my_pg_attver=1}", "my_pg_attver=1");
            cases.forEach((options, expected) -> {
                List<Map<String, Object>> rows = session.query(read, options);
                assertThat(rows.get(0).get("o")).as("%s as the differ reads it", options).isEqualTo(expected);
            });
            assertThat(session.query(read, (Object) null).get(0).get("o")).as("no options stay none").isNull();
        }
    }
}
