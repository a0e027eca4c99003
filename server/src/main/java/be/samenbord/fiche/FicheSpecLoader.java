package be.samenbord.fiche;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the fiche spec shipped in the templates-library jar ({@code samenbord/fiche/action-fiche.json}). */
public final class FicheSpecLoader {

    static final String RESOURCE = "samenbord/fiche/action-fiche.json";

    private FicheSpecLoader() {
    }

    public static FicheSpec load(ObjectMapper json) {
        try (InputStream in = FicheSpecLoader.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing " + RESOURCE);
            return parse(json.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static FicheSpec parse(JsonNode n) {
        List<FicheSpec.Field> header = fields(n.path("header"));
        List<FicheSpec.Section> sections = new ArrayList<>();
        for (JsonNode s : n.path("sections")) {
            sections.add(new FicheSpec.Section(s.path("number").asInt(), s.path("id").asText(), text(s.path("label")),
                    text(s.path("question")), "steps".equals(s.path("kind").asText()), fields(s.path("fields"))));
        }
        List<FicheSpec.Status> statuses = new ArrayList<>();
        n.path("statuses").forEach(s -> statuses.add(new FicheSpec.Status(s.path("id").asText(), text(s.path("label")))));
        List<FicheSpec.SmartRule> smart = new ArrayList<>();
        for (JsonNode r : n.path("smart")) {
            List<List<String>> requires = new ArrayList<>();
            r.path("requires").forEach(group -> {
                List<String> ids = new ArrayList<>();
                group.forEach(id -> ids.add(id.asText()));
                requires.add(ids);
            });
            smart.add(new FicheSpec.SmartRule(r.path("id").asText(), text(r.path("label")), text(r.path("hint")), requires));
        }
        List<FicheSpec.Quadrant> quadrants = new ArrayList<>();
        n.path("balance").path("quadrants").forEach(q -> quadrants.add(new FicheSpec.Quadrant(q.path("id").asText(), text(q.path("label")))));
        return new FicheSpec(text(n.path("title")), header, sections, statuses, smart, text(n.path("balance").path("label")),
                quadrants, n.toString());
    }

    private static List<FicheSpec.Field> fields(JsonNode list) {
        List<FicheSpec.Field> out = new ArrayList<>();
        // A field without its own question uses its section's (sub-fields such as resultsShort).
        list.forEach(f -> out.add(new FicheSpec.Field(f.path("id").asText(), text(f.path("label")), text(f.path("question")))));
        return out;
    }

    private static Text text(JsonNode n) {
        return new Text(n.path("nl").asText(""), n.path("en").asText(""));
    }
}
