package be.samenbord.search;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.board.Items;
import be.samenbord.board.Op;
import be.samenbord.board.Register;
import be.samenbord.board.Stamp;
import be.samenbord.facilitation.BoardControl;
import be.samenbord.workshop.Seats;
import be.samenbord.facilitation.Visibility;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a board's items into search documents (rules SE-2, SE-6, SE-7). Runs where the state is
 * exact: on the board's owner, on its context, right after a batch is applied (or on a board read
 * whole). Text fields that merge character by character are read through their derived register,
 * which holds the merged plain text (rule TX-6). Visibility is the board's own ({@link Visibility}):
 * an item hidden from a reader without a replica belongs to the one person who wrote it.
 */
public final class BoardDocs {

    /** {@code _control.anonymous: true}: the board shows no authors (issue 15), so search names none. */
    public static final String ANONYMOUS = "anonymous";
    private static final JsonFactory JSON = new JsonFactory();

    private final IndexRules rules;

    public BoardDocs(IndexRules rules) {
        this.rules = rules;
    }

    /**
     * What {@code batch} changed, read from {@code items} (the state right after it): the items it
     * touched beyond their geometry, or the whole board when it changed the board's control (what
     * is hidden, open votes, anonymity apply to every item).
     */
    public BoardUpdate afterBatch(String board, String template, AcceptedBatch batch, Items items) {
        Set<String> touched = new LinkedHashSet<>();
        for (Op op : batch.ops()) {
            if (op.item().equals(BoardControl.ITEM)) return whole(board, template, batch.seq(), items);
            if (!IndexRules.GEOMETRY.contains(op.field())) touched.add(op.item());
        }
        return update(board, template, batch.seq(), items, touched, false);
    }

    /** Every item of the board, as the state is now. */
    public BoardUpdate whole(String board, String template, long seq, Items items) {
        return update(board, template, seq, items, items.itemIds(), true);
    }

    private BoardUpdate update(String board, String template, long seq, Items items, Collection<String> ids, boolean whole) {
        Visibility visibility = Visibility.of(items);
        BoardControl control = BoardControl.read(items);
        boolean anonymous = "true".equals(raw(items, BoardControl.ITEM, ANONYMOUS));
        List<ItemDoc> docs = new ArrayList<>(ids.size());
        for (String id : ids) {
            ItemDoc doc = IndexRules.ROOM_TEMPLATE.equals(template) ? roomItem(items, id) : item(items, id, visibility, anonymous);
            // In a whole board only what is searchable; a touched item that is not is removed.
            if (!whole || !doc.isRemoved()) docs.add(doc);
        }
        return new BoardUpdate(board, seq, whole, control.voteOpen(), docs);
    }

    private ItemDoc roomItem(Items items, String id) {
        String kind = string(items, id, "kind");
        String field = rules.roomFields().get(id);
        if (field == null && kind != null) field = rules.roomKinds().get(kind);
        String text = field == null ? null : string(items, id, field);
        if (text == null || text.isBlank()) return ItemDoc.removed(id);
        return new ItemDoc(id, kind, Map.of(field, text), null, null, null, null, List.of());
    }

    private ItemDoc item(Items items, String id, Visibility visibility, boolean anonymous) {
        if (BoardControl.reserved(id) || "true".equals(raw(items, id, "deleted"))) return ItemDoc.removed(id);
        String kind = string(items, id, "kind");
        Map<String, String> texts = new LinkedHashMap<>();
        for (String field : rules.fields(kind)) {
            String text = string(items, id, field);
            if (text != null && !text.isBlank()) texts.put(field, text);
        }
        if (texts.isEmpty()) return ItemDoc.removed(id);
        String owner = null;
        if (visibility != null && visibility.hidesItem(null, id, items)) {
            // Hidden from a reader without a replica: someone's private note, theirs alone (FA-6, ID-3).
            Stamp origin = Visibility.origin(items, id);
            if (origin == null) return ItemDoc.removed(id);
            owner = Seats.personOf(origin.replica());
        }
        List<String> voters = new ArrayList<>();
        for (Map.Entry<String, Register> e : items.item(id).entrySet()) {
            if (e.getKey().startsWith("vote:") && positive(e.getValue().json())) {
                String person = Seats.personOf(e.getKey().substring(5));
                if (!voters.contains(person)) voters.add(person);
            }
        }
        return new ItemDoc(id, kind, texts, string(items, id, "zone"), lower(string(items, id, "color")),
                anonymous ? null : string(items, id, "author"), owner, voters);
    }

    private static boolean positive(String json) {
        try {
            return Double.parseDouble(json) > 0;
        } catch (NumberFormatException e) {
            return false; // IT-3: votes are integers; anything else is no dot
        }
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
    }

    private static String raw(Items items, String item, String field) {
        Register r = items.get(item, field);
        return r == null ? null : r.json();
    }

    /** The value of a register holding a JSON string, or null (absent, or not a string). */
    static String string(Items items, String item, String field) {
        String json = raw(items, item, field);
        if (json == null || json.isEmpty() || json.charAt(0) != '"') return null;
        if (json.indexOf('\\') < 0) return json.substring(1, json.length() - 1);
        try (JsonParser p = JSON.createParser(json)) {
            return p.nextToken() == JsonToken.VALUE_STRING ? p.getText() : null;
        } catch (IOException e) {
            return null; // registers hold valid JSON (OP-2); a value that is not is no text
        }
    }
}
