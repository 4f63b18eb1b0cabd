package dev.provision.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.provision.json.PlanSchema;
import dev.provision.plan.HazardKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One list of hazard kinds: --allow's help, its completion, the JSON Schema and the refusal of an unknown kind all use it. */
class HazardKindContractTest {

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void applyHelpListsEveryKindWithTheExistingNamesKept() {
        String help = run("apply", "--help")[1].replaceAll("\\s+", " ");

        assertThat(HazardKind.ids()).as("existing names are kept; removal adds its own")
                .contains("container-replace", "container-destroy", "database-recreate", "drop-table", "database-drop",
                        "schema-drop", "role-drop");
        assertThat(help).as("--allow's help names every kind").contains(String.join(", ", HazardKind.ids()));
    }

    @Test
    void completionOffersTheKindsForAllow() {
        String script = run("generate-completion")[1];

        assertThat(script).as("the bash/zsh completion script offers the kinds after --allow")
                .contains(String.join(" ", HazardKind.ids().stream().map(id -> "\"" + id + "\"").toList()) + ") # --allow values");
    }

    @Test
    void anUnknownKindIsAUsageErrorThatNamesTheKinds() {
        String[] result = run("apply", "--allow", "database-dorp", "-i", "no-such-inventory.yaml");

        assertThat(result[0]).as("invalid arguments exit 3").isEqualTo("3");
        assertThat(result[2]).contains("unknown hazard kind \"database-dorp\"", "database-drop");
    }

    @Test
    void theJsonSchemaListsExactlyTheKinds() throws Exception {
        JsonNode schema = new ObjectMapper().readTree(PlanSchema.FILE.toFile());
        List<String> kinds = new ArrayList<>();
        schema.findValues("hazards").stream().flatMap(h -> h.findValues("enum").stream()).findFirst()
                .orElseThrow().forEach(k -> kinds.add(k.asText()));

        assertThat(kinds).as("schema/plan.schema.json's hazard kinds are HazardKind's").containsExactlyElementsOf(HazardKind.ids());
    }
}
