package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.driver.Deferral;
import dev.provision.json.SamplePlans;
import dev.provision.plan.Action;
import dev.provision.plan.Cause;
import dev.provision.plan.Hazard;
import dev.provision.plan.HazardKind;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.ResourceAddress;
import dev.provision.plan.Step;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Help.Ansi;

class PlanPrinterTest {

    private static String print(Ansi ansi, boolean showCommands) {
        StringWriter text = new StringWriter();
        new PlanPrinter(new PrintWriter(text), ansi, showCommands).print(SamplePlans.everyKind());
        return text.toString();
    }

    @Test
    void showsEachResourceWithItsSymbolReasonAttributesHazardsAndASummary() {
        String plan = print(Ansi.OFF, false);

        assertThat(plan).contains(
                "  # containers.app will be created\n    container does not exist\n  + containers.app\n      + memory: \"256MiB\"\n",
                "  # containers.app.postgres.config will be updated in-place (drift)\n",
                "      ~ work_mem: \"1MB\" -> \"48MB\"\n",
                "      - fsync: \"off\"\n",
                "  -/+ containers.old\n",
                "      ! hazard: everything inside the container is lost (allow it with --allow container-replace)\n",
                "Not checked: containers.app.postgres: roles are not managed by this version yet\n",
                "  <= containers.old.postgres\n",
                "Plan: 2 to add, 1 to change, 1 to destroy, 1 to plan once those are applied.\n");
        assertThat(plan).as("commands only with --show-commands").doesNotContain("lxc-create");
    }

    @Test
    void showCommandsPrintsTheExactCommandsAndSqlWithSecretsAsReferences() {
        String plan = print(Ansi.OFF, true);

        assertThat(plan).contains("$ [bed] lxc-create -n app -t debian",
                "$ [bed] psql app/postgres (one transaction):\n        CREATE ROLE \"app\";\n        GRANT x TO \"app\";",
                "$ [bed] set the password of role app in app from env:APP_PASSWORD (SCRAM-SHA-256, value hidden)",
                "<<< (19 characters)");
    }

    @Test
    void whatProvisionDidNotCreateIsNamedOnOneLineAndIsNotAChange() {
        Plan plan = new Plan(List.of(), List.of(), List.of(
                new dev.provision.plan.UnmanagedResource(ResourceAddress.of("containers", "handmade"), "container"),
                new dev.provision.plan.UnmanagedResource(ResourceAddress.of("containers", "db", "postgres", "roles", "dba"), "role")));
        StringWriter text = new StringWriter();

        new PlanPrinter(new PrintWriter(text), Ansi.OFF, false).print(plan);

        assertThat(text.toString()).isEqualTo("Not created by provision, left alone (2): containers.handmade,"
                + " containers.db.postgres.roles.dba\nNo changes. Reality matches the inventory.\n");
    }

    @Test
    void coloursOnlyWhenAnsiIsOn() {
        String coloured = print(Ansi.ON, false);
        String plain = print(Ansi.OFF, false);

        assertThat(coloured).contains("\u001b[32m+\u001b[39m\u001b[0m containers.app", "\u001b[31m\u001b[1m! hazard:");
        assertThat(plain).doesNotContain("\u001b[");
    }

    @Test
    void aReadThatWaitsForEarlierChangesIsShownAndCountedApart() {
        ResourceAddress container = ResourceAddress.of("containers", "app");
        PlannedChange start = new PlannedChange(container,
                Action.UPDATE, Cause.DRIFT, "the container is stopped; it will be started",
                List.of(), List.of(), List.of());
        PlannedChange read = Deferral.of(List.of(start), container,
                container.child("postgres"), "the container is not running");
        StringWriter text = new StringWriter();

        new PlanPrinter(new PrintWriter(text), Ansi.OFF, false)
                .print(new Plan(List.of(start, read), List.of()));

        assertThat(text.toString())
                .contains("# containers.app.postgres will be read and planned once the changes above are applied")
                .contains("  <= containers.app.postgres")
                .contains("the container is not running; it waits for the changes to containers.app above")
                .contains("Plan: 0 to add, 1 to change, 0 to destroy, 1 to plan once those are applied.");
    }

    /** A schema change as SchemaSteps makes one: the owner's role, DDL with a function, then provision's records. */
    private static Plan schemaChange() {
        String function = "CREATE OR REPLACE FUNCTION app.touch() RETURNS trigger\n    LANGUAGE plpgsql\n    AS $$\nBEGIN\n"
                + "    NEW.updated_at := now();\n    RETURN NEW;\nEND;\n$$";
        Step.Sql sql = new Step.Sql("bed", "app", "appdb", List.of("SET LOCAL ROLE \"owner\"",
                "SET LOCAL search_path = pg_catalog", "CREATE INDEX idx_a ON app.t USING btree (a)", function,
                "ALTER TABLE app.t DROP COLUMN b", "RESET ROLE", "CREATE SCHEMA IF NOT EXISTS \"provision\"",
                "INSERT INTO \"provision\".schema_state SELECT 1,\n 'digest',\n now()"), true, 3);
        return new Plan(List.of(new PlannedChange(ResourceAddress.of("containers", "app", "postgres", "databases", "appdb", "objects"),
                Action.UPDATE, Cause.INVENTORY, "the database differs from schema.sql", List.of(),
                List.of(new Hazard(HazardKind.DROP_COLUMN, "drops column b of app.t and its data")), List.of(sql))), List.of());
    }

    @Test
    void aSchemaChangeShowsItsDdlByDefaultWithLongBodiesShortenedAndTheRecordsAsOneLine() {
        StringWriter text = new StringWriter();
        new PlanPrinter(new PrintWriter(text), Ansi.OFF, false).print(schemaChange());

        assertThat(text.toString()).as("the DDL without --show-commands, the function body as a line count, the hazard beside it")
                .contains("      psql app/appdb (one transaction, as \"owner\"):\n"
                        + "        CREATE INDEX idx_a ON app.t USING btree (a);\n"
                        + "        CREATE OR REPLACE FUNCTION app.touch() RETURNS trigger\n"
                        + "            LANGUAGE plpgsql\n"
                        + "            AS $$ … 4 lines … $$;\n"
                        + "        ALTER TABLE app.t DROP COLUMN b;\n"
                        + "        -- and 3 statements recording what was applied in provision's own schema\n"
                        + "      ! hazard: drops column b of app.t and its data (allow it with --allow drop-column)\n")
                .as("session settings and provision's records are not spelt out").doesNotContain("search_path", "schema_state");
    }

    @Test
    void showCommandsShowsEveryStatementInFullButTheRecordsStillAsOneLine() {
        StringWriter text = new StringWriter();
        new PlanPrinter(new PrintWriter(text), Ansi.OFF, true).print(schemaChange());

        assertThat(text.toString()).contains("$ [bed] psql app/appdb (one transaction):\n"
                        + "        SET LOCAL ROLE \"owner\";\n"
                        + "        SET LOCAL search_path = pg_catalog;\n"
                        + "        CREATE INDEX idx_a ON app.t USING btree (a);\n",
                "            AS $$\n        BEGIN\n            NEW.updated_at := now();\n            RETURN NEW;\n        END;\n        $$;\n",
                "        -- and 3 statements recording what was applied in provision's own schema\n")
                .doesNotContain("schema_state");
    }

    @Test
    void aViewsQueryIsShortenedToItsLineCount() {
        assertThat(SqlPreview.shortened("CREATE MATERIALIZED VIEW p.v AS\n SELECT a,\n    b\n   FROM t\n  WHERE c"))
                .isEqualTo("CREATE MATERIALIZED VIEW p.v AS … 4 lines");
        assertThat(SqlPreview.shortened("CREATE VIEW p.w AS SELECT 1")).as("short queries stay").isEqualTo("CREATE VIEW p.w AS SELECT 1");
    }
}
