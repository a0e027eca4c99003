package be.samenbord.board.codec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/**
 * Well-formed Unicode at the edge (rule IN-1). JSON lets a client write a lone surrogate as
 * {@code "\ud800"}; Java strings hold it, but no UTF-8 encoder can store it, so one such string
 * used to fail the store's encoder and take the whole board down. Checked once per frame or body,
 * before anything is applied.
 */
public final class Unicode {

    private Unicode() {
    }

    /** Whether every surrogate in {@code s} is half of a pair. */
    public static boolean wellFormed(CharSequence s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (!Character.isSurrogate(c)) continue;
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else {
                return false;
            }
        }
        return true;
    }

    /** Whether every string and every object key in the tree is well-formed. */
    public static boolean wellFormed(JsonNode node) {
        if (node == null) return true;
        if (node.isTextual()) return wellFormed(node.textValue());
        if (node.isArray()) {
            for (JsonNode child : node) {
                if (!wellFormed(child)) return false;
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!wellFormed(e.getKey()) || !wellFormed(e.getValue())) return false;
            }
        }
        return true;
    }

    /** Length in code points, as every text limit of the protocol counts (IT-2). */
    public static int codePoints(String s) {
        return s.codePointCount(0, s.length());
    }
}
