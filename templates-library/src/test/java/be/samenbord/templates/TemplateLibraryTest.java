package be.samenbord.templates;

import static be.samenbord.templates.JsonSchemaCheck.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks the shipped templates against the JSON Schema and against rules a schema cannot express. */
class TemplateLibraryTest {
    private static final String BASE = "samenbord/templates/";
    private static final List<String> REQUIRED =
            List.of("health-matrix", "three-b", "circle-of-influence", "windroos", "priority-actions");
    private static JsonSchemaCheck schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        schema = JsonSchemaCheck.load("samenbord/schema/template.schema.json");
    }

    static List<String> indexedIds() {
        List<String> ids = new ArrayList<>();
        read(BASE + "index.json").get("templates").forEach(n -> ids.add(n.asText()));
        return ids;
    }

    @Test
    void indexListsExactlyTheTemplateFilesInOrder() throws IOException {
        List<String> ids = indexedIds();
        assertEquals(ids.size(), new HashSet<>(ids).size(), "duplicate entry in index.json");
        assertEquals(REQUIRED, ids.subList(0, REQUIRED.size()), "display order of the required templates");
        Path dir = Path.of(System.getProperty("basedir", "."), "templates");
        Set<String> files = new TreeSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".json") && !f.equals("index.json"))
                    .forEach(f -> files.add(f.substring(0, f.length() - ".json".length())));
        }
        assertEquals(files, new TreeSet<>(ids), "every template file must be listed in index.json and vice versa");
    }

    @ParameterizedTest
    @MethodSource("indexedIds")
    void templateIsValid(String id) {
        JsonNode t = read(BASE + id + ".json");
        assertEquals(id, t.path("id").asText(), "file name and id differ");
        List<String> problems = problems(t);
        assertTrue(problems.isEmpty(), id + ": " + String.join("\n", problems));
    }

    // ---- negative tests: mutated copies of real templates must be rejected

    @Test
    void zoneWithoutIdIsRejected() {
        assertRejected("windroos", t -> ((ObjectNode) t.get("zones").get(0)).remove("id"), "schema:", "zone without id");
    }

    @Test
    void duplicateZoneIdIsRejected() {
        assertRejected("three-b", t -> ((ObjectNode) t.get("zones").get(1)).put("id", "keep"), "duplicate zone id");
    }

    @Test
    void unknownTopLevelPropertyIsRejected() {
        assertRejected("circle-of-influence", t -> t.put("titel", "typo"), "schema:", "titel");
    }

    @Test
    void missingEnglishLabelIsRejected() {
        assertRejected("health-matrix", t -> ((ObjectNode) t.at("/zones/3/label")).remove("en"), "schema:", "missing en");
    }

    @Test
    void brokenReferencesAndGeometryAreRejected() {
        assertRejected("health-matrix", t -> ((ObjectNode) t.get("zones").get(0)).put("row", "ceo"), "unknown row");
        assertRejected("three-b", t -> ((ObjectNode) t.at("/zones/0/shape")).put("w", 5000), "outside the canvas");
        assertRejected("three-b", t -> ((ObjectNode) t.at("/zones/1/shape")).put("x", 300), "overlap");
        assertRejected("windroos", t -> ((ObjectNode) t.at("/zones/0/limits")).put("min", 9), "min > max");
        assertRejected("priority-actions",
                t -> ((ObjectNode) t.at("/conversion/rules/0")).put("zone", "nope"), "conversion rule");
        assertRejected("smart-goals", t -> ((com.fasterxml.jackson.databind.node.ArrayNode) t.at("/rowCheck/columns")).add("costly"),
                "rowCheck names unknown column \"costly\"");
        assertRejected("smart-goals", t -> ((ObjectNode) t.get("rowCheck")).remove("label"), "schema:", "label");
        assertRejected("three-b", t -> t.putObject("rowCheck").put("label", "x").putArray("columns").add("keep"),
                "schema:", "rowCheck without axis rows");
        assertRejected("change-map", t -> ((com.fasterxml.jackson.databind.node.ArrayNode) t.at("/arrows/order")).add("elsewhere"),
                "arrows order names unknown zone \"elsewhere\"");
        assertRejected("change-map", t -> ((ObjectNode) t.at("/itemFields/to")).put("type", "text"), "arrows need a ref field to");
        assertRejected("change-map", t -> t.remove("arrows"), "item kind arrow without arrows");
        assertRejected("integrative-criteria", t -> ((com.fasterxml.jackson.databind.node.ArrayNode) t.at("/scores/criteria")).add("luck"),
                "scores criterion is no axis column: \"luck\"");
        assertRejected("integrative-criteria", t -> ((ObjectNode) t.get("scores")).put("min", 3), "scores min must be below max");
        assertRejected("positive-health-web", t -> ((ObjectNode) t.get("ownValues")).put("zone", "nowhere"), "ownValues zone is no zone");
        assertRejected("positive-health-web", t -> ((ObjectNode) t.at("/ownValues/dimensions/1")).put("id", "physical"), "duplicate ownValues dimension");
        assertRejected("eigen-regie", t -> ((ObjectNode) t.at("/ownValues/labels")).set("0", t.at("/ownValues/labels/1")), "ownValues label for 0 outside the scale");
        assertRejected("eigen-regie", t -> ((ObjectNode) t.get("ownValues")).put("show", "pie"), "schema:");
        assertRejected("integrative-criteria", t -> ((ObjectNode) t.at("/scores/labels")).set("7", t.at("/scores/labels/1")), "scores label for 7 outside 0..3");
        assertRejected("change-map", t -> ((ObjectNode) t.get("arrows")).put("kind", "line"), "schema:");
    }

    /** Each expected fragment must occur in some reported problem ("schema:" = caught by the JSON Schema). */
    private static void assertRejected(String id, Consumer<ObjectNode> mutation, String... expected) {
        JsonSchemaCheck.assertRejected(id, read(BASE + id + ".json"), mutation, TemplateLibraryTest::problems, expected);
    }

    // ---- validation: schema first, then the cross-field rules

    static List<String> problems(JsonNode t) {
        List<String> out = schema.schemaProblems(t);
        checkTexts(t, "", out);
        Set<String> rows = axisIds(t, "rows", out), columns = axisIds(t, "columns", out);
        Set<String> zoneIds = new HashSet<>(), cells = new HashSet<>();
        double cw = t.at("/canvas/width").asDouble(), ch = t.at("/canvas/height").asDouble();
        List<JsonNode> rects = new ArrayList<>();
        for (JsonNode z : t.path("zones")) {
            String id = z.path("id").asText("");
            if (id.isBlank()) out.add("zone without id");
            else if (!zoneIds.add(id)) out.add("duplicate zone id " + id);
            if (z.has("row") && !rows.contains(z.get("row").asText())) out.add(id + ": unknown row " + z.get("row"));
            if (z.has("column") && !columns.contains(z.get("column").asText()))
                out.add(id + ": unknown column " + z.get("column"));
            if (z.has("row") && !cells.add(z.path("row").asText() + "|" + z.path("column").asText()))
                out.add(id + ": second zone for the same cell");
            JsonNode l = z.path("limits");
            if (l.has("min") && l.has("max") && l.get("min").asInt() > l.get("max").asInt()) out.add(id + ": min > max");
            JsonNode s = z.path("shape");
            if ("rect".equals(s.path("type").asText())) {
                rects.add(z);
                if (s.path("x").asDouble() + s.path("w").asDouble() > cw || s.path("y").asDouble() + s.path("h").asDouble() > ch)
                    out.add(id + ": shape lies outside the canvas");
            } else if ("ring".equals(s.path("type").asText())) {
                double cx = s.path("cx").asDouble(), cy = s.path("cy").asDouble(), r = s.path("outer").asDouble();
                if (cx - r < 0 || cy - r < 0 || cx + r > cw || cy + r > ch) out.add(id + ": shape lies outside the canvas");
                if (s.path("inner").asDouble() >= r) out.add(id + ": ring inner radius must be below outer");
            }
        }
        for (int i = 0; i < rects.size(); i++)
            for (int j = i + 1; j < rects.size(); j++)
                if (overlap(rects.get(i).get("shape"), rects.get(j).get("shape")))
                    out.add("rect zones overlap: " + rects.get(i).path("id") + " and " + rects.get(j).path("id"));
        if (!rows.isEmpty() && cells.size() != rows.size() * columns.size())
            out.add("grid has " + cells.size() + " cell zones for " + rows.size() + "x" + columns.size() + " axes");
        checkRings(t, out);
        for (JsonNode c : t.at("/rowCheck/columns")) {
            if (!columns.contains(c.asText())) out.add("rowCheck names unknown column " + c);
        }
        if (t.has("rowCheck") && rows.isEmpty()) out.add("rowCheck without axis rows");
        checkArrows(t, zoneIds, out);
        checkScores(t, columns, out);
        JsonNode own = t.path("ownValues");
        if (!own.isMissingNode()) {
            if (!zoneIds.contains(own.path("zone").asText())) out.add("ownValues zone is no zone: " + own.path("zone"));
            if (own.path("min").asInt() >= own.path("max").asInt()) out.add("ownValues min must be below max");
            own.path("labels").fieldNames().forEachRemaining(k -> {
                int v = Integer.parseInt(k);
                if (v < own.path("min").asInt() || v > own.path("max").asInt()) out.add("ownValues label for " + k + " outside the scale");
            });
            Set<String> dims = new HashSet<>();
            for (JsonNode d : own.path("dimensions")) {
                if (!d.path("id").asText().matches("[a-z][a-zA-Z0-9]{0,25}")) out.add("ownValues dimension id is no field name: " + d.path("id"));
                if (!dims.add(d.path("id").asText())) out.add("duplicate ownValues dimension " + d.path("id"));
            }
        }
        for (JsonNode rule : t.at("/conversion/rules")) {
            String ref = rule.path("zone").asText();
            if (!zoneIds.contains(ref) && !rows.contains(ref) && !columns.contains(ref))
                out.add("conversion rule refers to unknown zone " + ref);
        }
        t.path("itemFields").properties().forEach(f -> {
            JsonNode def = f.getValue();
            Set<String> values = new HashSet<>();
            def.path("values").forEach(v -> values.add(v.asText()));
            if (def.has("default") && !values.isEmpty() && !values.contains(def.get("default").asText()))
                out.add("itemField " + f.getKey() + ": default not among values");
            def.path("valueLabels").fieldNames().forEachRemaining(k -> {
                if (!values.contains(k)) out.add("itemField " + f.getKey() + ": label for unknown value " + k);
            });
        });
        return out;
    }

    /** Arrows (a change map): their kind is allowed, their zones exist, from and to are ref fields; no arrow kind without them. */
    private static void checkArrows(JsonNode t, Set<String> zoneIds, List<String> out) {
        boolean kindAllowed = false;
        for (JsonNode k : t.path("itemKinds")) kindAllowed |= k.asText().equals("arrow");
        if (!t.has("arrows")) {
            if (kindAllowed) out.add("item kind arrow without arrows");
            return;
        }
        if (!kindAllowed) out.add("arrows without the item kind arrow");
        for (JsonNode z : t.at("/arrows/order")) {
            if (!zoneIds.contains(z.asText())) out.add("arrows order names unknown zone " + z);
        }
        for (String end : List.of("from", "to")) {
            if (!"ref".equals(t.at("/itemFields/" + end + "/type").asText())) out.add("arrows need a ref field " + end);
        }
    }

    /** Scores (the integrative method): the candidate column and every criterion are axis columns; min below max; labels within them. */
    private static void checkScores(JsonNode t, Set<String> columns, List<String> out) {
        JsonNode sc = t.path("scores");
        if (sc.isMissingNode()) return;
        if (!columns.contains(sc.path("column").asText())) out.add("scores column is no axis column: " + sc.path("column"));
        for (JsonNode c : sc.path("criteria")) {
            if (!columns.contains(c.asText())) out.add("scores criterion is no axis column: " + c);
        }
        int min = sc.path("min").asInt(), max = sc.path("max").asInt();
        if (min >= max) out.add("scores min must be below max");
        sc.path("labels").fieldNames().forEachRemaining(k -> {
            int v = Integer.parseInt(k);
            if (v < min || v > max) out.add("scores label for " + k + " outside " + min + ".." + max);
        });
    }

    /** Every bilingual object (one with an nl or en key) needs both, non-blank. */
    private static void checkTexts(JsonNode n, String path, List<String> out) {
        if (n.isObject() && (n.has("nl") || n.has("en"))) {
            for (String lang : List.of("nl", "en"))
                if (!n.path(lang).isTextual() || n.path(lang).asText().isBlank()) out.add(path + ": blank or missing " + lang);
            return;
        }
        if (n.isObject()) n.properties().forEach(e -> checkTexts(e.getValue(), path + "/" + e.getKey(), out));
        if (n.isArray()) for (int i = 0; i < n.size(); i++) checkTexts(n.get(i), path + "/" + i, out);
    }

    private static Set<String> axisIds(JsonNode t, String axis, List<String> out) {
        Set<String> ids = new HashSet<>();
        for (JsonNode a : t.path("axes").path(axis))
            if (!ids.add(a.path("id").asText())) out.add("duplicate " + axis + " id " + a.path("id"));
        return ids;
    }

    private static boolean overlap(JsonNode a, JsonNode b) {
        return a.get("x").asDouble() < b.get("x").asDouble() + b.get("w").asDouble()
                && b.get("x").asDouble() < a.get("x").asDouble() + a.get("w").asDouble()
                && a.get("y").asDouble() < b.get("y").asDouble() + b.get("h").asDouble()
                && b.get("y").asDouble() < a.get("y").asDouble() + a.get("h").asDouble();
    }

    /** Concentric rings on one centre must not overlap radially. */
    private static void checkRings(JsonNode t, List<String> out) {
        List<JsonNode> rings = new ArrayList<>();
        t.path("zones").forEach(z -> { if ("ring".equals(z.at("/shape/type").asText())) rings.add(z.get("shape")); });
        rings.sort((a, b) -> Double.compare(a.path("inner").asDouble(), b.path("inner").asDouble()));
        for (int i = 1; i < rings.size(); i++) {
            JsonNode a = rings.get(i - 1), b = rings.get(i);
            boolean sameCentre = a.path("cx").asDouble() == b.path("cx").asDouble() && a.path("cy").asDouble() == b.path("cy").asDouble();
            if (sameCentre && b.path("inner").asDouble() < a.path("outer").asDouble()) out.add("ring zones overlap");
        }
    }
}
