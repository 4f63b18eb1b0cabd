package dev.provision.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statements are split by PostgreSQL's grammar, offline, and syntax errors come with line and column. */
class SqlParserTest {
    private static final SqlParser PARSER = SqlParser.uncached();

    @Test
    void splitsOnSemicolonsOutsideStringsCommentsAndBodies() {
        String sql = """
                -- a comment; not a statement
                CREATE TABLE t (s text DEFAULT 'a;b', "odd;name" int);
                /* block; /* nested; */ still comment */
                CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$;
                SELECT E'it\\'s; fine', 1
                """;

        SqlParser.Parsed parsed = PARSER.parse(sql);

        assertThat(parsed.errors()).isEmpty();
        List<SqlParser.Statement> statements = parsed.statements();
        assertThat(statements).extracting(SqlParser.Statement::line).containsExactly(2, 4, 5);
        assertThat(statements).extracting(SqlParser.Statement::column).containsExactly(1, 1, 1);
        assertThat(statements.get(0).text()).isEqualTo("CREATE TABLE t (s text DEFAULT 'a;b', \"odd;name\" int)");
        assertThat(statements.get(1).text()).endsWith("$body$ SELECT 1; $body$");
        assertThat(statements.get(2).text()).startsWith("SELECT E'it");
    }

    @Test
    void keepsABeginAtomicBodyWhole() {
        String sql = """
                CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql
                BEGIN ATOMIC
                    SELECT a + b;
                    SELECT a - b;
                END;
                CREATE TABLE after_it (id int);
                """;

        List<SqlParser.Statement> statements = PARSER.parse(sql).statements();

        assertThat(statements).as("a semicolon inside BEGIN ATOMIC ... END does not end the CREATE FUNCTION").hasSize(2);
        assertThat(statements.get(0).text()).startsWith("CREATE FUNCTION add").endsWith("END");
        assertThat(statements.get(1).line()).isEqualTo(6);
    }

    @Test
    void keepsARulesActionsWhole() {
        String sql = "CREATE RULE log AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2));\n"
                + "CREATE TABLE c (id int);\n";

        List<SqlParser.Statement> statements = PARSER.parse(sql).statements();

        assertThat(statements).extracting(SqlParser.Statement::text).containsExactly(
                "CREATE RULE log AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))",
                "CREATE TABLE c (id int)");
    }

    @Test
    void aSyntaxErrorIsReportedAtItsLineAndColumn() {
        String sql = "CREATE TABLE ok (id int);\nCREATE TABLE bad (id int,, note text);\n";

        SqlParser.Parsed parsed = PARSER.parse(sql);

        assertThat(parsed.errors()).extracting(e -> e.line() + ":" + e.column() + " " + e.message())
                .containsExactly("2:26 extraneous input ',' expecting Identifier");
    }

    @Test
    void aMissingSemicolonIsASyntaxError() {
        assertThat(PARSER.parse("CREATE TABLE a (id int)\nCREATE INDEX ON a (id);\n").errors())
                .extracting(e -> e.line() + ":" + e.column()).containsExactly("2:1");
    }

    @Test
    void aRememberedParseGivesTheSameStatementsWithoutTheParser(@TempDir Path cache) {
        String previous = System.getProperty("provision.cache.dir");
        System.setProperty("provision.cache.dir", cache.toString());
        try {
            String sql = "CREATE TABLE a (id int);\n\n  CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;\n";
            SqlParser.Parsed first = SqlParser.standard().parse(sql);
            assertThat(cache.resolve("sql")).as("a clean parse is remembered").isNotEmptyDirectory();

            SqlParser.Parsed second = SqlParser.standard().parse(sql);

            assertThat(second).as("the remembered spans give the very same statements").isEqualTo(first);
            assertThat(second.statements().get(1).column()).isEqualTo(3);
        } finally {
            if (previous == null) {
                System.clearProperty("provision.cache.dir");
            } else {
                System.setProperty("provision.cache.dir", previous);
            }
        }
    }
}
