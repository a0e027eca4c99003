package be.samenbord.board.text;

import be.samenbord.board.Stamp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON value of a text op (rule TX-3), as it travels in an op's {@code v}:
 * <ul>
 *   <li>insert {@code {"ins":"text","id":["replica",n],"p":["replica",n]|null,"side":"r"|"l"}}</li>
 *   <li>delete {@code {"del":[["replica",n,len], ...]}}</li>
 *   <li>state {@code {"runs":[["replica",n,"text",parent|null,"r"|"l",deleted 0|1], ...]}}, runs
 *       parents first (snapshots, welcomes; only the node sends it)</li>
 * </ul>
 * A plain string value is not a text op: it is a whole-string write (TX-5).
 */
public final class TextJson {

    /** Longest run of one insert, in code points (the field's own limit is checked where it applies). */
    public static final int MAX_RUN = 4000;
    /** Most ranges in one delete. */
    public static final int MAX_RANGES = 1000;

    private TextJson() {
    }

    /** Whether the value's JSON text is an object, i.e. could be a text op rather than a plain value. */
    public static boolean looksLikeOp(String json) {
        return !json.isEmpty() && json.charAt(0) == '{';
    }

    /** Reads a text op; throws {@link TextException} naming what is wrong. */
    public static TextOp parse(String json, Stamp stamp) {
        if (!(MiniJson.parse(json) instanceof Map<?, ?> m)) throw new TextException("a text op is an object");
        if (m.containsKey("ins")) {
            if (m.size() != 4 || !(m.get("ins") instanceof String text)) throw new TextException("an insert is {ins, id, p, side}");
            int len = text.codePointCount(0, text.length());
            if (len < 1 || len > MAX_RUN) throw new TextException("an insert holds 1-" + MAX_RUN + " characters");
            Object side = m.get("side");
            if (!"r".equals(side) && !"l".equals(side)) throw new TextException("side is \"r\" or \"l\"");
            CharId id = charId(m.get("id"));
            if (id == null) throw new TextException("an insert needs an id");
            if ((long) id.n() + len > Integer.MAX_VALUE) throw new TextException("character numbers out of range");
            return new TextOp.Insert(id, text, charId(m.get("p")), "r".equals(side), stamp);
        }
        if (m.containsKey("del")) {
            if (m.size() != 1 || !(m.get("del") instanceof List<?> list) || list.isEmpty() || list.size() > MAX_RANGES) {
                throw new TextException("a delete is {del: [[replica, n, len], ...]} with 1-" + MAX_RANGES + " ranges");
            }
            List<TextOp.Range> ranges = new ArrayList<>(list.size());
            for (Object r : list) {
                if (!(r instanceof List<?> t) || t.size() != 3 || !(t.get(2) instanceof Long len) || len < 1 || len > MAX_RUN) {
                    throw new TextException("a deleted range is [replica, n, len] with len 1-" + MAX_RUN);
                }
                ranges.add(new TextOp.Range(charId(List.of(t.get(0), t.get(1))), len.intValue()));
            }
            return new TextOp.Delete(ranges, stamp);
        }
        if (m.containsKey("runs")) {
            if (!(m.get("runs") instanceof List<?> runs)) throw new TextException("runs is a list");
            TextField field = new TextField();
            for (Object r : runs) {
                if (!(r instanceof List<?> t) || t.size() != 6 || !(t.get(2) instanceof String text)) {
                    throw new TextException("a run is [replica, n, text, parent, side, deleted]");
                }
                CharId first = charId(List.of(t.get(0), t.get(1)));
                field.apply(new TextOp.Insert(first, text, charId(t.get(3)), "r".equals(t.get(4)), stamp));
                if (Long.valueOf(1).equals(t.get(5))) {
                    field.apply(new TextOp.Delete(List.of(new TextOp.Range(first, text.codePointCount(0, text.length()))), stamp));
                }
            }
            return new TextOp.State(field);
        }
        throw new TextException("a text op is an insert, a delete or a state");
    }

    private static CharId charId(Object o) {
        if (o == null) return null;
        if (!(o instanceof List<?> t) || t.size() != 2 || !(t.get(0) instanceof String replica) || !(t.get(1) instanceof Long n)
                || replica.isEmpty() || replica.length() > 100 || n < 0 || n > Integer.MAX_VALUE) {
            throw new TextException("a character id is [replica, n]");
        }
        return new CharId(replica, n.intValue());
    }

    private static String id(CharId id) {
        return id == null ? "null" : "[" + MiniJson.quote(id.replica()) + "," + id.n() + "]";
    }

    public static String insert(TextOp.Insert op) {
        return "{\"ins\":" + MiniJson.quote(op.text()) + ",\"id\":" + id(op.first()) + ",\"p\":" + id(op.parent())
                + ",\"side\":\"" + (op.right() ? "r" : "l") + "\"}";
    }

    public static String delete(TextOp.Delete op) {
        StringBuilder b = new StringBuilder("{\"del\":[");
        for (int k = 0; k < op.ranges().size(); k++) {
            TextOp.Range r = op.ranges().get(k);
            if (k > 0) b.append(',');
            b.append('[').append(MiniJson.quote(r.first().replica())).append(',').append(r.first().n()).append(',').append(r.len()).append(']');
        }
        return b.append("]}").toString();
    }

    /** The whole field as a state op's value (canonical: equal fields encode equally). */
    public static String state(TextField field) {
        StringBuilder b = new StringBuilder("{\"runs\":[");
        boolean[] first = {true};
        field.forEachRun(run -> {
            if (!first[0]) b.append(',');
            first[0] = false;
            b.append('[').append(MiniJson.quote(run.first().replica())).append(',').append(run.first().n()).append(',')
                    .append(MiniJson.quote(run.text())).append(',').append(id(run.parent())).append(",\"")
                    .append(run.right() ? 'r' : 'l').append("\",").append(run.deleted() ? 1 : 0).append(']');
        });
        return b.append("]}").toString();
    }

    /** A text op's value, as {@link #parse} reads it (a state is the node's to send; it encodes like one). */
    public static String encode(TextOp op) {
        return switch (op) {
            case TextOp.Insert i -> insert(i);
            case TextOp.Delete d -> delete(d);
            case TextOp.State st -> state(st.field());
        };
    }

    /** The string a JSON string literal holds. */
    public static String unquote(String json) {
        if (!(MiniJson.parse(json) instanceof String s)) throw new TextException("not a JSON string");
        return s;
    }

    /** A text op, or null when the value is some other JSON object (a plain register, IT-3). */
    public static TextOp tryParse(String json, Stamp stamp) {
        if (!looksLikeOp(json)) return null;
        try {
            return parse(json, stamp);
        } catch (TextException notATextOp) {
            return null;
        }
    }

    /** The plain text as a JSON string: the field's value for readers that do not merge text. */
    public static String plain(TextField field) {
        return MiniJson.quote(field.text());
    }
}
