package be.samenbord.search;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What of a board is searchable (rule SE-2): per item kind, the text fields people type. Anything
 * else is never indexed: item kinds not listed (indicator values and whatever comes later stay out
 * until listed here on purpose), per-person fields ({@code vote:<replica>} only counts for the
 * has-votes filter), geometry, ids, and {@code author} (a filter where the board shows authors,
 * never searchable text). On the room board only the instruction, the round's prompt and the round
 * answers (FA-16: the room shows them to everyone in it, so they have no owner).
 *
 * @param fieldsByKind text fields per item kind, in the order results name them
 * @param roomFields   item id → text field on the room board (template {@code room})
 * @param roomKinds    item kind → text field on the room board, for items the node names per
 *                     round and person ({@code answer-<round>-<person>})
 */
public record IndexRules(Map<String, List<String>> fieldsByKind, Map<String, String> roomFields, Map<String, String> roomKinds) {

    public static final String ROOM_TEMPLATE = "room";
    /** Fields that move or order an item: a batch that writes only these changes nothing searchable. */
    public static final Set<String> GEOMETRY = Set.of("x", "y", "w", "h", "z");

    public IndexRules {
        fieldsByKind = Map.copyOf(fieldsByKind);
        roomFields = Map.copyOf(roomFields);
        roomKinds = Map.copyOf(roomKinds);
    }

    /**
     * Notes and keywords (text), themes (title, text), fiche steps and balance entries (text), every
     * field of a fiche ({@code ficheFields}: the spec's ids), and in the room the round answers (text).
     */
    public static IndexRules standard(List<String> ficheFields) {
        return new IndexRules(Map.of(
                "note", List.of("text"),
                "keyword", List.of("text"),
                "theme", List.of("title", "text"),
                "fiche", List.copyOf(ficheFields),
                "step", List.of("text"),
                "balance", List.of("text")),
                Map.of("instruction", "text", "round", "prompt"),
                Map.of("roundAnswer", "text"));
    }

    public List<String> fields(String kind) {
        return kind == null ? List.of() : fieldsByKind.getOrDefault(kind, List.of());
    }
}
