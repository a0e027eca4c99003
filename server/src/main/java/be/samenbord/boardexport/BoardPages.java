package be.samenbord.boardexport;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Reads a board for an export: zones from its template document, notes from its items in the
 * shape of the REST view ({@code {"<item>":{"<field>":{"v":..,"s":..}}}}). Pure.
 */
public final class BoardPages {

    /** Item kinds drawn as notes (the web client's NOTE_KINDS). */
    static final Set<String> NOTE_KINDS = Set.of("note", "keyword");

    private BoardPages() {
    }

    public static BoardPage read(JsonNode template, JsonNode items, String lang) {
        List<BoardPage.Zone> zones = new ArrayList<>();
        for (JsonNode z : template.path("zones")) {
            JsonNode s = z.path("shape");
            boolean ring = "ring".equals(s.path("type").asText());
            zones.add(new BoardPage.Zone(z.path("id").asText(), text(z.path("label"), lang), ring,
                    s.path("x").asDouble(), s.path("y").asDouble(), s.path("w").asDouble(), s.path("h").asDouble(),
                    s.path("cx").asDouble(), s.path("cy").asDouble(), s.path("inner").asDouble(), s.path("outer").asDouble()));
        }
        List<BoardPage.Note> notes = new ArrayList<>();
        items.properties().forEach(e -> {
            JsonNode item = e.getValue();
            String kind = value(item, "kind").asText("");
            if (value(item, "deleted").asBoolean(false)) return;
            if (kind.equals("theme")) {
                // FA-23: a theme is drawn as its label, where the board draws its frame's title.
                notes.add(new BoardPage.Note(e.getKey(), value(item, "title").asText(""), "", value(item, "color").asText("#e3e8ef"),
                        number(item, "x", 0), number(item, "y", 0), number(item, "w", 240), 48, ""));
                return;
            }
            if (!NOTE_KINDS.contains(kind)) return;
            notes.add(new BoardPage.Note(e.getKey(), value(item, "text").asText(""), value(item, "author").asText(""),
                    value(item, "color").asText("#fff59d"), number(item, "x", 0), number(item, "y", 0),
                    number(item, "w", 160), number(item, "h", 100), value(item, "z").asText("")));
        });
        // Stacked as the board shows them: z keys compared as strings (IT-4), then ids.
        notes.sort(Comparator.comparing(BoardPage.Note::z).thenComparing(BoardPage.Note::id));
        // IT-6: from the middle of a note's right edge to the middle of the next one's left edge, as the board draws them.
        java.util.Map<String, BoardPage.Note> byId = new java.util.HashMap<>();
        notes.forEach(n -> byId.put(n.id(), n));
        List<BoardPage.Line> arrows = new ArrayList<>();
        for (BoardArrows.Arrow a : BoardArrows.drawn(BoardArrows.order(template), items)) {
            BoardPage.Note from = byId.get(a.from()), to = byId.get(a.to());
            if (from != null && to != null) {
                arrows.add(new BoardPage.Line(from.x() + from.w(), from.y() + from.h() / 2, to.x(), to.y() + to.h() / 2));
            }
        }
        JsonNode canvas = template.path("canvas");
        return new BoardPage(text(template.path("title"), lang), canvas.path("width").asDouble(1600), canvas.path("height").asDouble(1000),
                zones, notes, arrows);
    }

    private static JsonNode value(JsonNode item, String field) {
        return item.path(field).path("v");
    }

    private static double number(JsonNode item, String field, double fallback) {
        JsonNode v = value(item, field);
        return v.isNumber() && Double.isFinite(v.asDouble()) ? v.asDouble() : fallback;
    }

    /** A bilingual template text ({@code {"nl":..,"en":..}}) in {@code lang}, Dutch when missing. */
    static String text(JsonNode t, String lang) {
        String s = t.path(lang).asText("");
        return s.isEmpty() ? t.path("nl").asText("") : s;
    }
}
