package be.samenbord.search;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The texts a board shows from its template (rule SE-2): the template's title and description,
 * each zone's label, prompt, hint and meta texts (a windroos quadrant's theme and season), and the
 * labels and hints of its rows and columns. Each text has a Dutch and an English version; both are
 * searchable on every board made from it. Results name them by reserved item ids, which no client
 * can write (rule FA-4): {@code _template}, {@code _zone:<zone id>}, {@code _axis:<row or column id>}.
 */
public final class TemplateTexts {

    public static final String TEMPLATE_ITEM = "_template";
    public static final String ZONE_PREFIX = "_zone:";
    public static final String AXIS_PREFIX = "_axis:";

    /** One text of a template in both languages; {@code zone}: the zone it belongs to, or null. */
    public record Text(String item, String field, String nl, String en, String zone) {
    }

    private TemplateTexts() {
    }

    public static List<Text> of(JsonNode template) {
        List<Text> out = new ArrayList<>();
        if (template == null) return out;
        add(out, TEMPLATE_ITEM, "title", template.path("title"), null);
        add(out, TEMPLATE_ITEM, "description", template.path("description"), null);
        for (JsonNode zone : template.path("zones")) {
            String id = zone.path("id").asText("");
            if (id.isEmpty()) continue;
            for (String field : List.of("label", "prompt", "hint")) add(out, ZONE_PREFIX + id, field, zone.path(field), id);
            for (Iterator<Map.Entry<String, JsonNode>> it = zone.path("meta").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> meta = it.next();
                add(out, ZONE_PREFIX + id, meta.getKey(), meta.getValue(), id);
            }
        }
        for (String axis : List.of("rows", "columns")) {
            for (JsonNode entry : template.path("axes").path(axis)) {
                String id = entry.path("id").asText("");
                if (id.isEmpty()) continue;
                add(out, AXIS_PREFIX + id, "label", entry.path("label"), null);
                add(out, AXIS_PREFIX + id, "hint", entry.path("hint"), null);
            }
        }
        return out;
    }

    private static void add(List<Text> out, String item, String field, JsonNode text, String zone) {
        String nl = text.path("nl").asText("");
        String en = text.path("en").asText("");
        if (!nl.isBlank() || !en.isBlank()) out.add(new Text(item, field, nl, en, zone));
    }
}
