package dev.provision.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlScannerTest {

    @Test
    void splitsOnSemicolonsOutsideStringsCommentsAndBodies() {
        String sql = """
                -- a comment; not a statement
                CREATE TABLE t (s text DEFAULT 'a;b', "odd;name" int);
                /* block; /* nested; */ still comment */
                CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $body$ SELECT 1; $body$;
                SELECT E'it\\'s; fine', $1
                """;

        List<SqlScanner.Statement> statements = SqlScanner.scan(sql).statements();

        assertThat(statements).extracting(SqlScanner.Statement::line).containsExactly(2, 4, 5);
        assertThat(statements.get(0).text()).isEqualTo("CREATE TABLE t (s text DEFAULT 'a;b', \"odd;name\" int)");
        assertThat(statements.get(1).text()).endsWith("$body$ SELECT 1; $body$");
        assertThat(statements.get(2).text()).startsWith("SELECT E'it");
    }

    @Test
    void masksCommentsAndStringsButKeepsFunctionBodiesAsCode() {
        String sql = "SELECT 'CHECK (false)' -- CHECK (false)\n; CREATE FUNCTION f() AS $$ REFRESH x; -- no\n $$";

        SqlScanner.Scan scan = SqlScanner.scan(sql);

        assertThat(scan.masked()).hasSameSizeAs(sql).doesNotContain("CHECK").contains("REFRESH x;").doesNotContain("no");
        assertThat(scan.line(sql.indexOf("REFRESH"))).isEqualTo(2);
        assertThat(scan.column(sql.indexOf("REFRESH"))).isEqualTo(29);
    }
}
