package dev.provision.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provision.plan.Mode;
import dev.provision.plan.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanJsonTest {
    private static final Plan PLAN = SamplePlans.everyKind();

    @TempDir
    Path dir;

    private static JsonDocument document(String command) {
        return new JsonDocument(command, Path.of("inventory.yaml"), "0".repeat(64), Mode.APPLY, List.of("containers.app"));
    }

    @Test
    void planOutputConformsToThePublishedSchema() {
        String json = document("plan").plan(PLAN, false).outcome("changes").toJson();

        assertThat(PlanSchema.problems(json)).as("problems of\n%s", json).isEmpty();
        JsonNode node = PlanSchema.parse(json);
        assertThat(node.path("format_version").asText()).isEqualTo("1.2");
        assertThat(node.at("/plan/summary/add").asInt()).as("a replacement adds and destroys").isEqualTo(2);
        assertThat(node.at("/plan/summary/destroy").asInt()).isEqualTo(1);
        assertThat(node.at("/plan/changes/1/cause").asText()).isEqualTo("drift");
        assertThat(node.at("/plan/changes/2/hazards/0/kind").asText()).isEqualTo("container-replace");
        assertThat(node.at("/plan/changes/0/steps/0/exec").isMissingNode()).as("plan output shows steps as displayed").isTrue();
    }

    @Test
    void unmanagedResourcesAreListedConformToTheSchemaAndReadBack() {
        Plan plan = new Plan(List.of(), List.of(), List.of(
                new dev.provision.plan.UnmanagedResource(dev.provision.plan.ResourceAddress.of("containers", "handmade"), "container"),
                new dev.provision.plan.UnmanagedResource(dev.provision.plan.ResourceAddress.of("containers", "db", "postgres", "roles",
                        "by_hand"), "role")));

        String json = document("plan").plan(plan, true).outcome("no_changes").toJson();

        assertThat(PlanSchema.problems(json)).as("problems of\n%s", json).isEmpty();
        JsonNode node = PlanSchema.parse(json);
        assertThat(node.at("/plan/unmanaged_resources/1/address").asText()).isEqualTo("containers.db.postgres.roles.by_hand");
        assertThat(node.at("/plan/unmanaged_resources/1/kind").asText()).isEqualTo("role");
        assertThat(PlanJson.fromJson(node.path("plan")).foreign()).as("a plan file keeps them").isEqualTo(plan.foreign());
        assertThat(PlanSchema.problems(json.replace("\"kind\" : \"role\"", "\"kind\" : \"trigger\"")))
                .as("an unknown kind").isNotEmpty();
    }

    @Test
    void theSchemaRejectsWhatTheFormatDoesNotAllow() {
        String json = document("plan").plan(PLAN, false).outcome("changes").toJson();

        assertThat(PlanSchema.problems(json.replace("\"outcome\" : \"changes\"", "\"outcome\" : \"maybe\"")))
                .as("an unknown outcome").isNotEmpty();
        assertThat(PlanSchema.problems(json.replace("\"action\" : \"create\"", "\"action\" : \"create\", \"password\" : \"x\"")))
                .as("an unknown property of a change").isNotEmpty();
    }

    @Test
    void applyOutputWithAFailedChangeAndAnErrorConformsToTheSchema() {
        ApplyRecord record = new ApplyRecord();
        record.changeStarted(PLAN.changes().get(0));
        record.changeFinished(PLAN.changes().get(0), java.time.Duration.ofMillis(1500));
        record.changeStarted(PLAN.changes().get(1));
        record.failed("containers.app.postgres.config: reload failed");

        String json = document("apply").plan(PLAN, false).apply(record)
                .error("failed", "containers.app.postgres.config: reload failed", 1).toJson();

        assertThat(PlanSchema.problems(json)).as("problems of\n%s", json).isEmpty();
        JsonNode node = PlanSchema.parse(json);
        assertThat(node.at("/apply/applied/0/duration_ms").asLong()).isEqualTo(1500);
        assertThat(node.at("/apply/failed/address").asText()).isEqualTo("containers.app.postgres.config");
        assertThat(node.at("/apply/verified").asBoolean()).isFalse();
    }

    @Test
    void whenContainersRunInParallelTheFailedChangeIsTheOneTheMessageNames() {
        ApplyRecord record = new ApplyRecord();
        record.changeStarted(PLAN.changes().get(0));
        record.changeStarted(PLAN.changes().get(2));
        record.failed("containers.old: `lxc-destroy -n old` failed on host bed with exit status 1");

        JsonNode apply = PlanSchema.parse(document("apply").plan(PLAN, false).apply(record).toJson()).path("apply");

        assertThat(apply.at("/failed/address").asText()).isEqualTo("containers.old");
        assertThat(apply.path("applied")).isEmpty();
    }

    @Test
    void aCommandThatStoppedBeforePlanningStillWritesAValidDocument() {
        String json = document("destroy").error("invalid", "the inventory is invalid", 3).toJson();

        assertThat(PlanSchema.problems(json)).isEmpty();
        assertThat(PlanSchema.parse(json).path("plan").isNull()).isTrue();
    }

    @Test
    void aSavedPlanConformsToTheSchemaAndReadsBackIntoTheSameSteps() {
        Path file = dir.resolve("saved.plan");
        SavedPlanWriter.write(file, Path.of("inventory.yaml"), "a".repeat(64), Mode.APPLY, List.of(), PLAN);

        SavedPlan saved = SavedPlan.read(file);

        assertThat(PlanSchema.problems(readString(file))).isEmpty();
        assertThat(saved.plan()).as("the same Plan and Step values apply executes").isEqualTo(PLAN);
        assertThat(saved.inventoryDigest()).isEqualTo("a".repeat(64));
        assertThat(PlanComparison.same(saved.plan(), PLAN)).isTrue();
    }

    @Test
    void aSavedPlanNamesTheSecretReferenceAndNeverAValue() {
        Path file = dir.resolve("saved.plan");
        SavedPlanWriter.write(file, Path.of("inventory.yaml"), "a".repeat(64), Mode.APPLY, List.of(), PLAN);

        JsonNode secret = PlanSchema.parse(readString(file)).at("/plan/changes/1/steps/3/exec/secret");

        assertThat(secret.path("kind").asText()).isEqualTo("env");
        assertThat(secret.path("name").asText()).isEqualTo("APP_PASSWORD");
        assertThat(secret.fieldNames()).toIterable().doesNotContain("value");
    }

    @Test
    void aFreshPlanThatDiffersIsNotTheSameAndTheDifferenceIsNamed() {
        Plan fresh = new Plan(List.of(PLAN.changes().get(0), PLAN.changes().get(1), PLAN.changes().get(3)), PLAN.unmanaged());

        assertThat(PlanComparison.same(PLAN, fresh)).isFalse();
        assertThat(PlanComparison.differences(PLAN, fresh)).containsExactly("containers.old (replace): planned before, no longer needed");
    }

    @Test
    void planOutputIsNotAPlanFile() throws IOException {
        Path file = dir.resolve("output.json");
        Files.writeString(file, document("plan").plan(PLAN, false).toJson());

        assertThatThrownBy(() -> SavedPlan.read(file)).isInstanceOf(PlanFileInvalid.class)
                .hasMessageContaining("this is plan output, not a plan file written by plan --out")
                .hasMessageContaining("provision plan --out " + file);
    }

    @Test
    void aMissingOrMangledPlanFileIsExplained() throws IOException {
        assertThatThrownBy(() -> SavedPlan.read(dir.resolve("nope.plan"))).isInstanceOf(PlanFileInvalid.class)
                .hasMessageContaining("does not exist");
        Path mangled = Files.writeString(dir.resolve("mangled.plan"), "{\"format_version\": \"7.0\"}");
        assertThatThrownBy(() -> SavedPlan.read(mangled)).isInstanceOf(PlanFileInvalid.class)
                .hasMessageContaining("format_version is \"7.0\"");
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
