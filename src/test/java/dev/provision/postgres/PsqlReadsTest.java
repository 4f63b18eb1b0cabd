package dev.provision.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PsqlReadsTest {
    private static final String MARKER = "@@m";

    @Test
    void placeholdersBecomeQuotedLiteralsButNotInsideQuotesOrComments() {
        Read read = Read.of("app", "-- why? because\nSELECT '?' AS q, \"a?b\" FROM t /* ? */ WHERE n = ? AND r = ANY(?::text[]) AND k = ?;",
                "it's", new String[] {"a", "b'c"}, 3);

        assertThat(PsqlReads.withLiterals(read)).isEqualTo(
                "-- why? because\nSELECT '?' AS q, \"a?b\" FROM t /* ? */ WHERE n = 'it''s' AND r = ANY(ARRAY['a', 'b''c']::text[]::text[]) AND k = 3");
    }

    @Test
    void anEmptyArrayIsATypedEmptyArray() {
        assertThat(PsqlReads.withLiterals(Read.of("app", "SELECT ?::text[] AS a", (Object) new String[0])))
                .isEqualTo("SELECT ARRAY[]::text[]::text[] AS a");
    }

    @Test
    void placeholdersAndParametersMustMatch() {
        assertThatThrownBy(() -> PsqlReads.withLiterals(Read.of("app", "SELECT ?, ?", "one")))
                .hasMessageContaining("more placeholders than parameters");
        assertThatThrownBy(() -> PsqlReads.withLiterals(Read.of("app", "SELECT 1", "one")))
                .hasMessageContaining("fewer placeholders than parameters");
    }

    @Test
    void eachDatabaseIsEnteredOnlyIfItExistsAndSearchPathsAreSetAroundTheirRead() {
        String script = PsqlReads.script(List.of(
                Read.of("postgres", "SELECT 1 AS one"),
                Read.of("it's", "SELECT 2 AS two").withSearchPath("pg_catalog"),
                Read.of("postgres", "SELECT 3 AS three")), MARKER);

        assertThat(script).isEqualTo("""
                SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_database WHERE datname = 'postgres') AS provision_database_exists \\gset
                \\if :provision_database_exists
                \\connect 'postgres'
                \\echo @@m 0
                SELECT coalesce(json_agg(provision_row), '[]') FROM (
                SELECT 1 AS one
                ) provision_row;
                \\echo @@m 2
                SELECT coalesce(json_agg(provision_row), '[]') FROM (
                SELECT 3 AS three
                ) provision_row;
                \\endif
                SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_database WHERE datname = 'it''s') AS provision_database_exists \\gset
                \\if :provision_database_exists
                \\connect 'it''s'
                \\echo @@m 1
                SET search_path = pg_catalog;
                SELECT coalesce(json_agg(provision_row), '[]') FROM (
                SELECT 2 AS two
                ) provision_row;
                RESET search_path;
                \\endif
                """);
    }

    @Test
    void aReadThatNeedsATableIsMadeOnlyWhenTheTableExists() {
        String script = PsqlReads.script(List.of(Read.of("app", "SELECT path FROM provision.migrations").ifExists("provision.migrations")), MARKER);

        assertThat(script).contains("""
                SELECT to_regclass('provision.migrations') IS NOT NULL AS provision_relation_exists \\gset
                \\if :provision_relation_exists
                \\echo @@m 0
                SELECT coalesce(json_agg(provision_row), '[]') FROM (
                SELECT path FROM provision.migrations
                ) provision_row;
                \\endif
                \\endif
                """);
    }

    @Test
    void answersArriveTypedAndAFailedReadIsLeftUnanswered() {
        List<Read> reads = List.of(Read.of("postgres", "roles"), Read.of("postgres", "broken"), Read.of("app", "empty"));
        String output = """
                @@m 0
                [{"name":"app","login":true,"limit":-1,"until":null,"member_of":["a","b"]},\s
                 {"name":"x","login":false,"limit":5,"until":"1.5","member_of":[]}]
                @@m 1
                @@m 2
                []""";

        Map<String, List<Map<String, Object>>> answers = PsqlReads.parse(output, reads, MARKER);

        assertThat(answers).containsOnlyKeys(reads.get(0).key(), reads.get(2).key());
        Map<String, Object> app = new java.util.LinkedHashMap<>();
        app.put("name", "app");
        app.put("login", true);
        app.put("limit", -1);
        app.put("until", null);
        app.put("member_of", List.of("a", "b"));
        assertThat(answers.get(reads.get(0).key())).hasSize(2).first().isEqualTo(app);
        assertThat(answers.get(reads.get(2).key())).isEmpty();
    }

    @Test
    void aPrefetchedSessionAnswersWhatWasReadAndAsksTheServerForTheRest() {
        Read roles = Read.of("postgres", "SELECT rolname FROM pg_roles WHERE rolname = ?", "app");
        Read digest = Read.of("postgres", "SELECT digest").withSearchPath("pg_catalog");
        Map<String, List<Map<String, Object>>> answers = Map.of(
                roles.key(), List.of(Map.of("rolname", "app")),
                digest.key(), List.of(Map.of("digest", "d1")));
        java.util.List<String> asked = new java.util.ArrayList<>();
        PostgresSession server = new PostgresSession() {
            public boolean isAlive() { return true; }
            public List<Map<String, Object>> query(String sql, Object... params) { asked.add(sql); return List.of(); }
            public void executeInTransaction(List<String> statements) { asked.addAll(statements); }
            public void executeAlone(String statement) { asked.add(statement); }
            public void setPassword(String role, char[] password) { }
            public void close() { }
        };
        PrefetchedSession session = new PrefetchedSession("postgres", answers, () -> server);

        assertThat(session.query("SELECT rolname FROM pg_roles WHERE rolname = ?", "app")).containsExactly(Map.of("rolname", "app"));
        session.executeAlone("SET search_path = pg_catalog");
        assertThat(session.query("SELECT digest")).containsExactly(Map.of("digest", "d1"));
        session.executeAlone("RESET search_path");
        assertThat(asked).as("nothing reached the server so far").isEmpty();

        session.query("SELECT rolname FROM pg_roles WHERE rolname = ?", "other");
        session.executeAlone("SET search_path = pg_catalog");
        session.query("SELECT digest");
        assertThat(asked).as("once a real session is open, everything goes to it").containsExactly(
                "SELECT rolname FROM pg_roles WHERE rolname = ?", "SET search_path = pg_catalog", "SELECT digest");
    }
}
