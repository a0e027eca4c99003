package be.samenbord.board.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The templates shipped in the templates-library jar ({@code samenbord/templates/index.json} on the
 * classpath), loaded once at start in the index's order.
 */
public final class TemplateCatalog {

    private static final String ROOT = "samenbord/templates/";
    private final Map<String, Template> byId;
    private final Map<String, Template> hidden = new java.util.concurrent.ConcurrentHashMap<>();

    private TemplateCatalog(Map<String, Template> byId) {
        this.byId = byId;
    }

    public static TemplateCatalog load(ObjectMapper json) {
        JsonNode index = read(json, ROOT + "index.json");
        Map<String, Template> byId = new LinkedHashMap<>();
        for (JsonNode id : index.path("templates")) {
            Template t = parse(read(json, ROOT + id.asText() + ".json"));
            if (!t.id().equals(id.asText())) {
                throw new IllegalStateException("template file " + id.asText() + ".json has id " + t.id());
            }
            byId.put(t.id(), t);
        }
        if (byId.isEmpty()) throw new IllegalStateException("no templates found under " + ROOT);
        return new TemplateCatalog(byId);
    }

    static Template parse(JsonNode n) {
        List<String> zones = new ArrayList<>();
        n.path("zones").forEach(z -> zones.add(z.path("id").asText()));
        Set<String> kinds = new HashSet<>();
        n.path("itemKinds").forEach(k -> kinds.add(k.asText()));
        if (kinds.isEmpty()) kinds.add("note");
        Map<String, List<String>> fields = new HashMap<>();
        n.path("itemFields").properties().forEach(e -> {
            List<String> values = new ArrayList<>();
            e.getValue().path("values").forEach(v -> values.add(v.asText()));
            fields.put(e.getKey(), values);
        });
        return new Template(n.path("id").asText(), n.path("title").path("nl").asText(),
                n.path("title").path("en").asText(), zones, kinds, fields, n);
    }

    private static JsonNode read(ObjectMapper json, String resource) {
        try (InputStream in = TemplateCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing template resource " + resource);
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /**
     * Adds a template that boards may use but that is not offered for new workshops (the action
     * fiche's board). Call at start, before boards are served.
     */
    public void registerHidden(Template template) {
        hidden.put(template.id(), template);
    }

    public Optional<Template> find(String id) {
        Template t = byId.get(id);
        return Optional.ofNullable(t != null ? t : hidden.get(id));
    }

    public List<Template> all() {
        return List.copyOf(byId.values());
    }
}
