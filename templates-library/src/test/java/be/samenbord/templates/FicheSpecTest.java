package be.samenbord.templates;

import static be.samenbord.templates.JsonSchemaCheck.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks the action fiche specification against its JSON Schema and against rules a schema cannot express. */
class FicheSpecTest {
    private static final String FICHE = "samenbord/fiche/action-fiche.json";
    private static final Pattern FIELD_ID = Pattern.compile("^[a-z][A-Za-z0-9]{0,31}$");
    private static final String DATED_STEP = "@datedStep";
    private static JsonSchemaCheck schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        schema = JsonSchemaCheck.load("samenbord/schema/fiche.schema.json");
    }

    @Test
    void ficheIsValid() {
        List<String> problems = problems(read(FICHE));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void hasTheTwentyOneSectionsOfTheSeedInOrder() {
        JsonNode f = read(FICHE);
        assertEquals("action-fiche", f.path("id").asText());
        List<String> ids = new ArrayList<>();
        f.get("sections").forEach(s -> ids.add(s.get("id").asText()));
        assertEquals(List.of("need", "targetGroup", "visionValues", "resources", "partners", "competences",
                "stakeholders", "results", "intendedImpact", "indicators", "instruments", "coreTeam", "supervisor",
                "insights", "inspiration", "linkedActions", "followUp", "communication", "notDoing", "challenges",
                "steps"), ids);
        assertEquals("steps", f.at("/sections/20/kind").asText());
        assertEquals(List.of("resultsShort", "resultsMid", "resultsLong"), fieldIdsOf(f.at("/sections/7")));
        assertEquals(List.of("followUpInterim", "followUpFinal"), fieldIdsOf(f.at("/sections/16")));
        assertEquals(List.of("title", "driver"), fieldIdsOf(f));
    }

    @Test
    void statusesSmartAndBalanceAreComplete() {
        JsonNode f = read(FICHE);
        assertEquals(List.of("draft", "ready", "approved"), ids(f.get("statuses")));
        assertEquals(List.of("specific", "measurable", "acceptable", "realistic", "timeBound"), ids(f.get("smart")));
        assertEquals(List.of("gain-short", "gain-long", "loss-short", "loss-long"), ids(f.at("/balance/quadrants")));
    }

    /** Conversion rules of the board templates must land in a fiche field or section. */
    @Test
    void templateConversionsTargetExistingFicheFields() {
        JsonNode f = read(FICHE);
        Set<String> targets = new HashSet<>(allFieldIds(f));
        f.get("sections").forEach(s -> targets.add(s.get("id").asText()));
        for (JsonNode id : read("samenbord/templates/index.json").get("templates"))
            for (JsonNode rule : read("samenbord/templates/" + id.asText() + ".json").at("/conversion/rules"))
                assertTrue(targets.contains(rule.get("field").asText()),
                        id.asText() + ": conversion to unknown fiche field " + rule.get("field"));
    }

    // ---- negative tests: mutated copies of the fiche must be rejected

    @Test
    void missingEnglishQuestionIsRejected() {
        assertRejected(f -> ((ObjectNode) f.at("/sections/4/question")).remove("en"), "schema:");
    }

    @Test
    void duplicateFieldIdIsRejected() {
        assertRejected(f -> ((ObjectNode) f.at("/sections/8/fields/0")).put("id", "need"), "duplicate field id need");
        assertRejected(f -> ((ObjectNode) f.at("/header/1")).put("id", "resultsMid"), "duplicate field id resultsMid");
    }

    @Test
    void smartRuleNamingAnUnknownFieldIsRejected() {
        assertRejected(f -> ((ArrayNode) f.at("/smart/1/requires/0")).add("budget"), "unknown field budget");
    }

    @Test
    void badNumberingAndMalformedIdsAreRejected() {
        assertRejected(f -> ((ObjectNode) f.at("/sections/2")).put("number", 4), "section 3 has number 4");
        assertRejected(f -> ((ArrayNode) f.get("sections")).remove(20), "expected 21 sections");
        assertRejected(f -> ((ObjectNode) f.at("/sections/0/fields/0")).put("id", "Need-1"), "malformed field id");
        assertRejected(f -> ((ArrayNode) f.at("/sections/1/fields")).removeAll(), "schema:");
        assertRejected(f -> ((ArrayNode) f.get("statuses")).remove(2), "schema:");
    }

    private static void assertRejected(Consumer<ObjectNode> mutation, String expected) {
        JsonSchemaCheck.assertRejected("fiche", read(FICHE), mutation, FicheSpecTest::problems, expected);
    }

    // ---- validation: schema first, then the cross-field rules

    static List<String> problems(JsonNode f) {
        List<String> out = schema.schemaProblems(f);
        JsonNode sections = f.path("sections");
        if (sections.size() != 21) out.add("expected 21 sections, found " + sections.size());
        Set<String> sectionIds = new HashSet<>();
        for (int i = 0; i < sections.size(); i++) {
            JsonNode s = sections.get(i);
            if (s.path("number").asInt() != i + 1) out.add("section " + (i + 1) + " has number " + s.path("number"));
            if (!sectionIds.add(s.path("id").asText())) out.add("duplicate section id " + s.path("id"));
        }
        Set<String> fieldIds = new HashSet<>();
        for (String id : allFieldIds(f)) {
            if (!FIELD_ID.matcher(id).matches()) out.add("malformed field id " + id);
            if (!fieldIds.add(id)) out.add("duplicate field id " + id);
        }
        for (JsonNode rule : f.path("smart"))
            for (JsonNode group : rule.path("requires"))
                for (JsonNode ref : group)
                    if (!DATED_STEP.equals(ref.asText()) && !fieldIds.contains(ref.asText()))
                        out.add("smart " + rule.path("id").asText() + " requires unknown field " + ref.asText());
        if (ids(f.path("statuses")).size() != 3) out.add("expected 3 statuses");
        if (new HashSet<>(ids(f.at("/balance/quadrants"))).size() != 4) out.add("expected 4 balance quadrants");
        return out;
    }

    /** Header ids followed by every section's field ids, duplicates kept. */
    private static List<String> allFieldIds(JsonNode f) {
        List<String> ids = new ArrayList<>(fieldIdsOf(f));
        f.path("sections").forEach(s -> ids.addAll(fieldIdsOf(s)));
        return ids;
    }

    /** Field ids of a section ("fields") or of the fiche itself ("header"). */
    private static List<String> fieldIdsOf(JsonNode n) {
        return ids(n.has("header") ? n.get("header") : n.path("fields"));
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.path("id").asText()));
        return ids;
    }
}
