package dev.provision.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.provision.plan.Hazard;
import dev.provision.plan.Mode;
import dev.provision.plan.Note;
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
        assertThat(node.path("format_version").asText()).isEqualTo("1.3");
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
    void notesOfEveryKindAreListedWithTheirFieldsAndConformToTheSchema() {
        JsonDocument document = document("plan").plan(PLAN, false).outcome("changes");
        String holder = "provision pid 4242 on ci-3 since 2026-11-27T10:00:00Z";
        String unlock = "provision force-unlock -i inventory.yaml containers.app";
        document.note(new Note(Note.Kind.LOCKED_BY_ANOTHER_RUN, "container app on host bed is locked by another run", "bed",
                "containers.app", holder, unlock));
        document.note(new Note(Note.Kind.STALE_LOCK, "host bed (host-wide changes) is locked by a run that no longer exists",
                "bed", "hosts.bed", holder, "provision force-unlock -i inventory.yaml hosts.bed"));
        document.note(new Note(Note.Kind.STALE_LOCK_RELEASED, "released the lock on container app on host bed", "bed",
                "containers.app", holder, null));
        document.note(new Note(Note.Kind.SCRATCH_DATABASE_DROPPED, "container app: dropped scratch database provision_shadow_x",
                null, "containers.app.postgres", null, null));

        String json = document.toJson();

        assertThat(PlanSchema.problems(json)).as("problems of\n%s", json).isEmpty();
        JsonNode notes = PlanSchema.parse(json).path("notes");
        assertThat(notes).as("every note, in the order printed").hasSize(4);
        assertThat(notes.path(0).path("kind").asText()).isEqualTo("locked-by-another-run");
        assertThat(notes.path(0).path("holder").asText()).as("the holder, as its lock names it").isEqualTo(holder);
        assertThat(notes.path(0).path("command").asText()).as("the exact command, -i included").isEqualTo(unlock);
        assertThat(notes.path(1).path("address").asText()).as("a host-wide lock is the host's").isEqualTo("hosts.bed");
        assertThat(notes.path(2).path("command").isNull()).as("a released lock needs no command").isTrue();
        assertThat(notes.path(3).path("host").isNull()).as("what is not known is null, not missing").isTrue();
        assertThat(PlanSchema.problems(json.replace("\"kind\" : \"stale-lock\"", "\"kind\" : \"stale\"")))
                .as("an unknown note kind").isNotEmpty();
    }

    @Test
    void aDocumentWithoutNotesHasAnEmptyListOfThem() {
        JsonNode node = PlanSchema.parse(document("plan").plan(PLAN, false).outcome("changes").toJson());

        assertThat(node.path("notes").isArray() && node.path("notes").isEmpty()).as("notes is always there, empty when none").isTrue();
    }

    @Test
    void theSchemaListsExactlyTheNoteKinds() {
        List<String> kinds = new java.util.ArrayList<>();
        PlanSchema.parse(readSchema()).at("/$defs/note/properties/kind/enum").forEach(k -> kinds.add(k.asText()));

        assertThat(kinds).as("schema/plan.schema.json's note kinds are Note.Kind's")
                .containsExactlyElementsOf(java.util.Arrays.stream(Note.Kind.values()).map(Note.Kind::id).toList());
    }

    private static String readSchema() {
        try {
            return Files.readString(PlanSchema.FILE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aHazardNamesTheStatementItConcernsConformsToTheSchemaAndReadsBack() {
        String drop = "ALTER TABLE app.t DROP COLUMN b";
        dev.provision.plan.PlannedChange change = new dev.provision.plan.PlannedChange(
                dev.provision.plan.ResourceAddress.of("containers", "app", "postgres", "databases", "appdb", "objects"),
                dev.provision.plan.Action.UPDATE, dev.provision.plan.Cause.INVENTORY, "the database differs from schema.sql",
                List.of(), List.of(new Hazard("drop-column", "drops column b of app.t and its data", drop),
                        new Hazard("blocking-index-build", "of the whole change")),
                List.of(new dev.provision.plan.Step.Sql("bed", "app", "appdb", List.of("CREATE INDEX i ON app.t (a)", drop), true)));
        Plan plan = new Plan(List.of(change), List.of());

        String json = document("plan").plan(plan, true).outcome("changes").toJson();

        assertThat(PlanSchema.problems(json)).as("problems of\n%s", json).isEmpty();
        JsonNode node = PlanSchema.parse(json);
        assertThat(node.at("/plan/changes/0/hazards/0/statement").asText()).as("attached to its statement").isEqualTo(drop);
        assertThat(node.at("/plan/changes/0/hazards/1/statement").isNull()).as("a hazard of the whole change names none").isTrue();
        assertThat(PlanJson.fromJson(node.path("plan")).changes().get(0).hazards()).as("a plan file keeps the attachment")
                .isEqualTo(change.hazards());
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
