package be.samenbord.boardexport;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The change map's arrows that are drawn (rule IT-6): an item of kind {@code arrow}, not deleted,
 * whose {@code from} and {@code to} name live notes, {@code from} in zone {@code order[i]} and
 * {@code to} in {@code order[i+1]}. Read from the REST view of a board's items
 * ({@code {"<item>":{"<field>":{"v":..}}}}). The web client's arrows.ts keeps the same rule; both are
 * held to {@code server/vectors/arrows}. Pure.
 */
public final class BoardArrows {

    /** A drawn arrow: its item id and the ids of the notes it joins. */
    public record Arrow(String id, String from, String to) {
    }

    private BoardArrows() {
    }

    /** The order of zones arrows run through, from a template document; empty when it has none. */
    public static List<String> order(JsonNode template) {
        List<String> out = new ArrayList<>();
        template.path("arrows").path("order").forEach(z -> out.add(z.asText()));
        return out;
    }

    /** Every drawn arrow, sorted by id. */
    public static List<Arrow> drawn(List<String> order, JsonNode items) {
        List<Arrow> out = new ArrayList<>();
        if (order.size() < 2) return out;
        items.properties().forEach(e -> {
            JsonNode item = e.getValue();
            if (!"arrow".equals(value(item, "kind").asText(null)) || value(item, "deleted").asBoolean(false)) return;
            JsonNode from = value(item, "from"), to = value(item, "to");
            if (!from.isTextual() || !to.isTextual()) return;
            String fromZone = noteZone(items.path(from.asText()));
            String toZone = noteZone(items.path(to.asText()));
            int i = fromZone == null ? -1 : order.indexOf(fromZone);
            if (i >= 0 && i + 1 < order.size() && order.get(i + 1).equals(toZone)) out.add(new Arrow(e.getKey(), from.asText(), to.asText()));
        });
        out.sort(Comparator.comparing(Arrow::id));
        return out;
    }

    /** The zone of a live note (kind note or keyword), or null when the item is no such note or lies outside every zone. */
    private static String noteZone(JsonNode item) {
        if (!BoardPages.NOTE_KINDS.contains(value(item, "kind").asText("")) || value(item, "deleted").asBoolean(false)) return null;
        JsonNode zone = value(item, "zone");
        return zone.isTextual() ? zone.asText() : null;
    }

    private static JsonNode value(JsonNode item, String field) {
        return item.path(field).path("v");
    }
}
