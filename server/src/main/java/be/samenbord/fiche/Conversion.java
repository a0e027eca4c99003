package be.samenbord.fiche;

import be.samenbord.board.Items;
import be.samenbord.board.Register;
import be.samenbord.board.template.Template;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a board turns into (rule FI-3), driven by the template's {@code conversion} rules:
 * "rows" (the 5 priority actions: one fiche per filled row, board-wide zones such as the side
 * panels feed every fiche) or "selected-notes" (one fiche per chosen note, its text the title).
 */
final class Conversion {

    /** A fiche to be: where it comes from and the values it starts with. */
    record Draft(String sourceKey, String sourceLabel, Map<String, String> values, List<String> sourceItems) {
    }

    private final ObjectMapper json;

    Conversion(ObjectMapper json) {
        this.json = json;
    }

    List<Draft> rows(String boardId, Template template, Items items) {
        JsonNode conversion = template.json().path("conversion");
        List<String> columns = new ArrayList<>();
        template.json().path("axes").path("columns").forEach(c -> columns.add(c.path("id").asText()));
        Map<String, String> boardWide = new LinkedHashMap<>();
        List<String> boardWideItems = new ArrayList<>();
        for (JsonNode rule : conversion.path("rules")) {
            String zone = rule.path("zone").asText();
            if (columns.contains(zone)) continue;
            List<Note> notes = notesIn(items, zone);
            if (notes.isEmpty()) continue;
            String line = zoneLabel(template, zone) + ": " + String.join("; ", notes.stream().map(Note::text).toList());
            boardWide.merge(rule.path("field").asText(), line, (a, b) -> a + "\n" + b);
            notes.forEach(n -> boardWideItems.add(n.id()));
        }
        List<Draft> drafts = new ArrayList<>();
        int number = 0;
        for (JsonNode row : template.json().path("axes").path("rows")) {
            number++;
            String rowId = row.path("id").asText();
            Map<String, String> values = new LinkedHashMap<>();
            List<String> sourceItems = new ArrayList<>();
            for (JsonNode rule : conversion.path("rules")) {
                String column = rule.path("zone").asText();
                if (!columns.contains(column)) continue;
                List<Note> notes = notesIn(items, rowId + "." + column);
                String text = String.join("\n", notes.stream().map(Note::text).toList()).strip();
                if (!text.isEmpty()) values.merge(rule.path("field").asText(), text, (a, b) -> a + "\n" + b);
                notes.forEach(n -> sourceItems.add(n.id()));
            }
            if (values.isEmpty()) continue;
            boardWide.forEach((field, text) -> values.merge(field, text, (a, b) -> a + "\n" + b));
            sourceItems.addAll(boardWideItems);
            drafts.add(new Draft("board:" + boardId + "/row:" + rowId,
                    template.titleNl() + ", " + row.path("label").path("nl").asText(rowId), values, sourceItems));
        }
        return drafts;
    }

    /** One draft per chosen note; fails naming the first id that is not a live note of this board. */
    List<Draft> notes(String boardId, Template template, Items items, List<String> chosen) {
        List<Draft> drafts = new ArrayList<>();
        for (String id : chosen) {
            Map<String, Register> f = items.item(id);
            String kind = FicheBoards.text(f.get("kind"), json);
            boolean theme = "theme".equals(kind);
            if (f.isEmpty() || !("note".equals(kind) || "keyword".equals(kind) || theme) || "true".equals(raw(f, "deleted"))) {
                throw new IllegalArgumentException("item " + id + " is not a note or theme on this board");
            }
            // FA-28: a theme becomes a fiche named by its title.
            String text = orEmpty(FicheBoards.text(f.get(theme ? "title" : "text"), json)).strip();
            String zone = FicheBoards.text(f.get("zone"), json);
            Map<String, String> values = new LinkedHashMap<>();
            values.put("title", text.isEmpty() ? "(" + id + ")" : text);
            String label = template.titleNl() + (zone == null ? "" : ", " + zoneLabel(template, zone));
            drafts.add(new Draft("board:" + boardId + "/item:" + id, label, values, List.of(id)));
        }
        return drafts;
    }

    private record Note(String id, String text) {
    }

    private List<Note> notesIn(Items items, String zone) {
        List<Note> out = new ArrayList<>();
        for (String id : items.itemIds()) {
            Map<String, Register> f = items.item(id);
            if ("true".equals(raw(f, "deleted"))) continue;
            if (!zone.equals(FicheBoards.text(f.get("zone"), json))) continue;
            String text = orEmpty(FicheBoards.text(f.get("text"), json)).strip();
            if (!text.isEmpty()) out.add(new Note(id, text));
        }
        return out;
    }

    private static String zoneLabel(Template template, String zone) {
        for (JsonNode z : template.json().path("zones")) {
            if (z.path("id").asText().equals(zone)) return z.path("label").path("nl").asText(zone);
        }
        return zone;
    }

    private static String raw(Map<String, Register> fields, String field) {
        Register r = fields.get(field);
        return r == null ? null : r.json();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
