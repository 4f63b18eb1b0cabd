package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provision.json.SamplePlans;
import dev.provision.plan.Action;
import dev.provision.plan.AttributeChange;
import dev.provision.plan.Cause;
import dev.provision.plan.Hazard;
import dev.provision.plan.Plan;
import dev.provision.plan.PlannedChange;
import dev.provision.plan.ResourceAddress;
import dev.provision.plan.Step;
import dev.provision.plan.UnmanagedResource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code plan --format markdown} against golden files in {@code src/test/resources/markdown}: a change
 * to the output must be a change to the golden file, reviewed like code. Set
 * {@code -Dgolden.update=true} to rewrite them after an intended change.
 */
class MarkdownPlanPrinterTest {
    private static final Path GOLDEN = Path.of("src", "test", "resources", "markdown");

    @Test
    void aPlanWithEveryKindOfChangeMatchesItsGoldenFile() throws IOException {
        String markdown = render(reviewedPlan(), false);

        assertThat(markdown).as("the Markdown of the sample plan is the reviewed golden file")
                .isEqualTo(golden("every-kind.md", markdown));
    }

    @Test
    void withShowCommandsEveryCommandAndStatementIsShownAndMatchesItsGoldenFile() throws IOException {
        String markdown = render(reviewedPlan(), true);

        assertThat(markdown).as("--show-commands adds the commands in a fenced block")
                .isEqualTo(golden("every-kind-show-commands.md", markdown));
    }

    @Test
    void anEmptyPlanSaysSoInOneLine() throws IOException {
        String markdown = render(new Plan(List.of(), List.of()), false);

        assertThat(markdown).isEqualTo(golden("no-changes.md", markdown));
        assertThat(markdown).as("no table and no sections without changes").doesNotContain("|").doesNotContain("<details>");
    }

    @Test
    void hazardsComeBeforeTheChangesAndDestroyBeforeCreate() {
        String markdown = render(reviewedPlan(), false);

        assertThat(markdown.indexOf("[!CAUTION]")).as("hazards first").isLessThan(markdown.indexOf("#### "));
        assertThat(markdown.indexOf("#### Destroy")).as("what loses data first").isLessThan(markdown.indexOf("#### Create"));
    }

    @Test
    void noSecretValueAndNoUnquotedUserTextReachesTheMarkdown() {
        String markdown = render(reviewedPlan(), true);

        assertThat(markdown).as("a password step shows its reference").contains("env:APP_PASSWORD")
                .doesNotContain("s3cret");
        assertThat(markdown).as("user text cannot open HTML").doesNotContain("<script>");
        assertThat(markdown).as("a pipe in a value is escaped so that it stays in its cell").contains("a\\|b");
        long fences = markdown.lines().filter(line -> line.startsWith("```")).count();
        assertThat(fences % 2).as("every fenced block is closed").isZero();
    }

    /** The sample plan of the JSON tests plus a schema change, a removal with a hazard, and hostile text. */
    private static Plan reviewedPlan() {
        Plan sample = SamplePlans.everyKind();
        List<PlannedChange> changes = new ArrayList<>(sample.changes());
        changes.add(new PlannedChange(ResourceAddress.of("containers", "app", "postgres", "databases", "shop", "schema"),
                Action.UPDATE, Cause.INVENTORY, "2 objects to change", List.of(), List.of(),
                List.of(new Step.Sql("bed", "app", "shop", List.of("SET LOCAL ROLE \"shop_owner\"",
                        "CREATE TABLE \"public\".\"orders\" (id bigint PRIMARY KEY, note text DEFAULT '```')",
                        "CREATE FUNCTION \"public\".\"total\"() RETURNS int LANGUAGE sql AS $$\nSELECT 1\n+ 1\n+ 1\n+ 1\n$$",
                        "INSERT INTO provision.applied VALUES ('x')"), true, 1))));
        changes.add(new PlannedChange(ResourceAddress.of("containers", "app", "postgres", "databases", "legacy"),
                Action.DELETE, Cause.INVENTORY, "no longer declared <script>alert(1)</script>",
                List.of(new AttributeChange("owner", "a|b", null), new AttributeChange("comment", "`tick` *bold*", null)),
                List.of(new Hazard("database-drop", "every table in legacy is lost")),
                List.of(new Step.Sql("bed", "app", null, List.of("DROP DATABASE \"legacy\""), false))));
        return new Plan(changes, sample.unmanaged(), List.of(
                new UnmanagedResource(ResourceAddress.of("containers", "app", "postgres", "roles", "dba_by_hand"), "role")));
    }

    private static String render(Plan plan, boolean showCommands) {
        StringWriter text = new StringWriter();
        new MarkdownPlanPrinter(new PrintWriter(text), showCommands).print(plan, "inventory.yaml");
        return text.toString();
    }

    private static String golden(String name, String actual) throws IOException {
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, actual);
        }
        return Files.readString(file);
    }
}
