package be.samenbord.board.codec;

import be.samenbord.board.Op;
import be.samenbord.board.Stamp;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * JSON form of ops and stamps, shared by the wire codec and the stores:
 * {@code {"i":item,"f":field,"v":value,"s":[ms,counter,replica]}} (rules OP-2, ST-1).
 */
public final class OpCodec {

    /** Replica ids: 8–64 of [A-Za-z0-9_-] (rule HE-2). */
    public static final Pattern REPLICA = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    /** Largest integer a JavaScript client holds exactly. */
    private static final long MAX_SAFE = (1L << 53) - 1;
    /**
     * Largest HLC counter accepted (rule ST-1): a counter only grows within one millisecond, so a
     * huge one is an attack that would push every other replica's clock past what is accepted.
     */
    public static final long MAX_COUNTER = 1_000_000;

    private OpCodec() {
    }

    public static void write(JsonGenerator g, Op op) throws IOException {
        g.writeStartObject();
        g.writeStringField("i", op.item());
        g.writeStringField("f", op.field());
        g.writeFieldName("v");
        g.writeRawValue(op.json());
        g.writeFieldName("s");
        writeStamp(g, op.stamp());
        g.writeEndObject();
    }

    public static void writeStamp(JsonGenerator g, Stamp s) throws IOException {
        g.writeStartArray();
        g.writeNumber(s.ms());
        g.writeNumber(s.counter());
        g.writeString(s.replica());
        g.writeEndArray();
    }

    /** Reads an op's shape; throws {@link CodecException} naming what is wrong. */
    public static Op read(JsonNode n) {
        return read(n, null);
    }

    /**
     * As {@link #read(JsonNode)}, sharing the item id of {@code previous} (the op before it in the
     * same batch) when it is equal: a note's five registers then hold one item string instead of
     * five (issue 18, heap per board).
     */
    public static Op read(JsonNode n, Op previous) {
        Op op = readAlone(n);
        if (previous == null || previous.item() == op.item() || !previous.item().equals(op.item())) return op;
        return new Op(previous.item(), op.field(), op.json(), op.stamp());
    }

    private static Op readAlone(JsonNode n) {
        if (n == null || !n.isObject()) throw new CodecException("an op must be an object");
        JsonNode item = n.get("i");
        JsonNode field = n.get("f");
        if (item == null || !item.isTextual()) throw new CodecException("op.i must be a string");
        if (field == null || !field.isTextual()) throw new CodecException("op.f must be a string");
        if (!n.has("v")) throw new CodecException("op.v is missing");
        // Field names and replica ids repeat on every register of a board: one shared copy each
        // (the JVM's string table drops them again once no board holds them).
        return new Op(item.asText(), field.asText().intern(), valueJson(n.get("v")), readStamp(n.get("s")));
    }

    /**
     * The value as compact JSON text, exactly as {@code JsonNode.toString()} writes it, without
     * its generator for the common scalars: {@code toString()} cost about 470 bytes of allocation
     * per op, a parse of the whole frame about 1,400 (issue 18: the G1 pauses in S5's tail).
     * Objects, arrays and other numbers still go through {@code toString()}.
     */
    static String valueJson(JsonNode v) {
        if (v.isTextual()) {
            String text = v.textValue();
            StringBuilder out = new StringBuilder(text.length() + 2).append('"');
            JsonStringEncoder.getInstance().quoteAsString(text, out);
            return shared(out.append('"').toString());
        }
        if (v.isInt() || v.isLong()) return shared(Long.toString(v.longValue()));
        if (v.isBoolean()) return v.booleanValue() ? "true" : "false";
        if (v.isNull()) return "null";
        return shared(v.toString());
    }

    /** Values up to this many characters are shared copies. */
    static final int SHARED_VALUE = 16;

    /**
     * A short value as one shared copy: a board repeats its short values on item after item (the
     * kind "note", a zone, a colour, an author, coordinates on a 1,600-pixel board), so a register
     * then holds a reference instead of a string of its own, about 50 bytes each (issue 18, heap
     * per board). The JVM's string table lets a copy go once no register holds it.
     */
    static String shared(String json) {
        return json.length() <= SHARED_VALUE ? json.intern() : json;
    }

    /** Throws {@link CodecException} when {@link #readStamp} would refuse {@code s} written out (rule ST-1). */
    public static void checkStamp(Stamp s) {
        if (s.ms() > MAX_SAFE || s.counter() > MAX_COUNTER) {
            throw new CodecException("stamp ms must be an integer from 0 to 2^53-1 and counter from 0 to " + MAX_COUNTER);
        }
        if (!REPLICA.matcher(s.replica()).matches()) throw new CodecException("stamp replica must be 8-64 characters of [A-Za-z0-9_-]");
    }

    public static Stamp readStamp(JsonNode s) {
        if (s == null || !s.isArray() || s.size() != 3) {
            throw new CodecException("a stamp must be [ms, counter, replica]");
        }
        JsonNode ms = s.get(0);
        JsonNode counter = s.get(1);
        JsonNode replica = s.get(2);
        if (!ms.isIntegralNumber() || !counter.isIntegralNumber()
                || !ms.canConvertToLong() || !counter.canConvertToLong()
                || ms.asLong() < 0 || counter.asLong() < 0
                || ms.asLong() > MAX_SAFE || counter.asLong() > MAX_COUNTER) {
            throw new CodecException("stamp ms must be an integer from 0 to 2^53-1 and counter from 0 to " + MAX_COUNTER);
        }
        if (!replica.isTextual() || !REPLICA.matcher(replica.asText()).matches()) {
            throw new CodecException("stamp replica must be 8-64 characters of [A-Za-z0-9_-]");
        }
        return new Stamp(ms.asLong(), counter.asLong(), replica.asText().intern());
    }

    /** A malformed op or stamp. */
    public static final class CodecException extends RuntimeException {
        public CodecException(String message) {
            super(message);
        }
    }
}
