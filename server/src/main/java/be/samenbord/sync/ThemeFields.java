package be.samenbord.sync;

import be.samenbord.board.template.Template;
import be.samenbord.facilitation.Themes;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The fields themes and carried notes add to work boards (rules FA-23, FA-24, FA-27), checked by
 * shape like the other fields (IT-*): a work board is one whose template has notes; fiche boards
 * keep their own {@code title} and {@code source}.
 */
final class ThemeFields {

    private static final Set<String> FIELDS = Set.of(Themes.TITLE, Themes.MEMBER, Themes.SOURCE);

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private ThemeFields() {
    }

    static boolean workBoard(Template template) {
        return template.itemKinds().contains("note");
    }

    /** Whether {@code kind} is allowed on this board beside the template's own kinds. */
    static boolean extraKind(String kind, Template template) {
        return Themes.KIND.equals(kind) && workBoard(template);
    }

    /** Fields with a fixed shape on work boards: never merged as text (TX-4). */
    static boolean fixed(String field, Template template) {
        return FIELDS.contains(field) && workBoard(template);
    }

    /** Checks a theme field's value; false when {@code field} is not one of them on this board. */
    static boolean check(String field, JsonNode v, Template template) {
        if (!fixed(field, template)) return false;
        switch (field) {
            case Themes.TITLE -> {
                if (!v.isTextual() || v.asText().codePointCount(0, v.asText().length()) > Themes.MAX_TITLE_CHARS) {
                    throw invalid("title must be a string of at most " + Themes.MAX_TITLE_CHARS + " characters");
                }
            }
            case Themes.MEMBER -> {
                if (!v.isNull() && !(v.isTextual() && (v.asText().isEmpty() || BatchValidator.ITEM_ID.matcher(v.asText()).matches()))) {
                    throw invalid("theme must be null, \"\" or a theme's item id");
                }
            }
            default -> source(v);
        }
        return true;
    }

    /** FA-27: {"board":"<id>","item":"<id>"}, nothing else. */
    private static void source(JsonNode v) {
        if (v.isNull()) return;
        if (!v.isObject() || v.size() != 2 || !id(v.get("board")) || !id(v.get("item"))) {
            throw invalid("source must be {\"board\":\"<board id>\",\"item\":\"<item id>\"} or null");
        }
    }

    private static boolean id(JsonNode n) {
        return n != null && n.isTextual() && BatchValidator.ITEM_ID.matcher(n.asText()).matches();
    }

    /**
     * FA-27: a carried note's source names a board of this workshop ({@code ofWorkshop}). Only the
     * board is checked, never whether the item exists: that would tell a participant which ids a
     * hidden note has (FA-6).
     */
    static void checkSources(List<be.samenbord.board.Op> ops, Template template, Predicate<String> ofWorkshop) {
        if (!workBoard(template)) return;
        for (be.samenbord.board.Op op : ops) {
            if (!op.field().equals(Themes.SOURCE) || op.json().equals("null")) continue;
            String board = read(op.json()).path("board").asText();
            if (!ofWorkshop.test(board)) throw invalid("source.board " + board + " is not a board of this workshop");
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw invalid("source must be a JSON object");
        }
    }

    private static WireError invalid(String message) {
        return new WireError(WireError.INVALID_OP, message);
    }
}
