package be.samenbord.board.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for text ops, so the pure model reads the values it merges without a library:
 * objects (as Map), arrays (List), strings, integers (Long), booleans and null. Anything else
 * (fractions, exponents, nesting deeper than 8, trailing text) is refused. Input comes from the
 * edge, where a JSON library already checked it, or from the node's own encoder.
 */
final class MiniJson {

    private final String s;
    private int i;

    private MiniJson(String s) {
        this.s = s;
    }

    static Object parse(String json) {
        MiniJson p = new MiniJson(json);
        Object v = p.value(0);
        p.space();
        if (p.i != json.length()) throw new TextException("trailing text in a text op");
        return v;
    }

    private Object value(int depth) {
        if (depth > 8) throw new TextException("a text op is nested too deeply");
        space();
        if (i >= s.length()) throw new TextException("a text op ends too early");
        char c = s.charAt(i);
        switch (c) {
            case '{' -> {
                i++;
                Map<String, Object> out = new LinkedHashMap<>();
                space();
                if (peek('}')) return out;
                do {
                    space();
                    String key = string();
                    space();
                    expect(':');
                    out.put(key, value(depth + 1));
                    space();
                } while (take(','));
                expect('}');
                return out;
            }
            case '[' -> {
                i++;
                List<Object> out = new ArrayList<>();
                space();
                if (peek(']')) return out;
                do {
                    out.add(value(depth + 1));
                    space();
                } while (take(','));
                expect(']');
                return out;
            }
            case '"' -> {
                return string();
            }
            case 't' -> {
                word("true");
                return Boolean.TRUE;
            }
            case 'f' -> {
                word("false");
                return Boolean.FALSE;
            }
            case 'n' -> {
                word("null");
                return null;
            }
            default -> {
                return integer();
            }
        }
    }

    private long integer() {
        int start = i;
        if (i < s.length() && s.charAt(i) == '-') i++;
        while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
        if (i == start || i - start > 16) throw new TextException("a text op holds only whole numbers");
        return Long.parseLong(s, start, i, 10);
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == '"') return b.toString();
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (i >= s.length()) break;
            char e = s.charAt(i++);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (i + 4 > s.length()) throw new TextException("a broken \\u escape");
                    b.append((char) Integer.parseInt(s, i, i + 4, 16));
                    i += 4;
                }
                default -> throw new TextException("a broken escape");
            }
        }
        throw new TextException("an unterminated string");
    }

    private void word(String w) {
        if (!s.startsWith(w, i)) throw new TextException("not JSON");
        i += w.length();
    }

    private void space() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    }

    private boolean peek(char c) {
        if (i < s.length() && s.charAt(i) == c) {
            i++;
            return true;
        }
        return false;
    }

    private boolean take(char c) {
        return peek(c);
    }

    private void expect(char c) {
        if (!peek(c)) throw new TextException("expected '" + c + "' in a text op");
    }

    /** A JSON string literal of {@code text}, escaped as JSON.stringify does. */
    static String quote(String text) {
        StringBuilder b = new StringBuilder(text.length() + 2).append('"');
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }
}
