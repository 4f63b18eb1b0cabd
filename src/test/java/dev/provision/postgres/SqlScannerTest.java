package dev.provision.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlScannerTest {

    @Test
    void masksCommentsAndStringsButKeepsFunctionBodiesAsCode() {
        String sql = "SELECT 'CHECK (false)' -- CHECK (false)\n; CREATE FUNCTION f() AS $$ REFRESH x; -- no\n $$";

        SqlScanner.Scan scan = SqlScanner.scan(sql);

        assertThat(scan.masked()).hasSameSizeAs(sql).doesNotContain("CHECK").contains("REFRESH x;").doesNotContain("no");
        assertThat(scan.line(sql.indexOf("REFRESH"))).isEqualTo(2);
        assertThat(scan.column(sql.indexOf("REFRESH"))).isEqualTo(29);
    }
}
