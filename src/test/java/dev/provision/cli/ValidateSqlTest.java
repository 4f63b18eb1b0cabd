package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code provision validate} reads the SQL files offline and reports the seed's mistakes in them. */
class ValidateSqlTest {

    @Test
    void theSeedsSqlMistakesAreReportedWithFileAndLineAndExitThree() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = Main.run(new PrintWriter(out), new PrintWriter(err),
                "validate", "-i", "src/test/resources/invalid/seed-sql.yaml", "--no-color");

        assertThat(code).as("invalid inventory").isEqualTo(ExitCodes.INVALID);
        assertThat(err.toString())
                .contains("seed/event_store.sql:30:33: CHECK (false) rejects every row")
                .contains("seed/projections.sql:26:5: REFRESH MATERIALIZED VIEW CONCURRENTLY projections.portfolio_positions"
                        + " needs a unique index");
    }

    @Test
    void theCorrectedEventStoreIsValid() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "validate", "-i", "inventory.yaml", "--no-color");

        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aSqlSyntaxErrorIsReportedAtFileLineAndColumnAndStopsPlanBeforeAnythingIsContacted() {
        for (String command : new String[] {"validate", "plan"}) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();

            int code = Main.run(new PrintWriter(out), new PrintWriter(err),
                    command, "-i", "src/test/resources/invalid/sql-syntax.yaml", "--no-color");

            assertThat(code).as("%s: invalid inventory\n%s", command, err).isEqualTo(ExitCodes.INVALID);
            assertThat(err.toString()).as(command)
                    .contains("sql/schema.sql:3:32: SQL syntax error: extraneous input ',' expecting Identifier")
                    .contains("sql/schema.sql:8:1: SQL syntax error: mismatched input 'CREATE'")
                    .contains("sql/migration.sql:2:53: SQL syntax error")
                    .contains("nothing was contacted");
        }
    }
}
