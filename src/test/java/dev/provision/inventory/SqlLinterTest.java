package dev.provision.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.diag.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlLinterTest {
    @TempDir
    Path dir;

    @Test
    void commentsAndStringsAreNotCode() throws IOException {
        assertThat(lint("-- CHECK (false) was the seed's mistake\nSELECT 'CHECK (false)';\n/* \\c db */\n")).isEmpty();
    }

    @Test
    void aUniqueIndexInAnotherFileSatisfiesTheConcurrentRefresh() throws IOException {
        assertThat(lint("CREATE FUNCTION p.r() RETURNS void LANGUAGE sql AS $$ REFRESH MATERIALIZED VIEW CONCURRENTLY p.v $$;",
                "CREATE UNIQUE INDEX v_key ON p.v (id);")).isEmpty();
        assertThat(lint("REFRESH MATERIALIZED VIEW CONCURRENTLY P.V;", "CREATE UNIQUE INDEX ON \"p\".v (id);")).isEmpty();
        assertThat(lint("REFRESH MATERIALIZED VIEW CONCURRENTLY p.v;", "CREATE INDEX v_key ON p.v (id);"))
                .singleElement().asString().contains("file0.sql:1:1: REFRESH MATERIALIZED VIEW CONCURRENTLY p.v needs a unique index");
    }

    @Test
    void switchingRolesIsRefused() throws IOException {
        assertThat(lint("CREATE TABLE t (id int);\nRESET ROLE;\nset local role postgres;"))
                .extracting(Diagnostic::summary)
                .containsExactly("RESET ROLE changes the role the SQL files run as", "SET LOCAL ROLE changes the role the SQL files run as");
    }

    private List<Diagnostic> lint(String... files) throws IOException {
        Problems problems = new Problems(dir.resolve("inventory.yaml"));
        List<SqlFile> sqlFiles = new java.util.ArrayList<>();
        for (int i = 0; i < files.length; i++) {
            Files.writeString(dir.resolve("file" + i + ".sql"), files[i]);
            sqlFiles.add(new SqlFile("file" + i + ".sql", problems.wholeFile()));
        }
        new SqlLinter(problems).lint(dir, sqlFiles, false);
        return problems.diagnostics().sorted();
    }
}
