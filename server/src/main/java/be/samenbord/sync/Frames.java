package be.samenbord.sync;

import be.samenbord.board.Items;
import be.samenbord.board.Op;
import be.samenbord.board.Register;
import be.samenbord.board.codec.OpCodec;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Encodes the frames the server sends (PROTOCOL rules HE-3, OP-5, OP-6, PR-2, PR-3, ER-1). */
public final class Frames {

    private static final JsonFactory JSON = new JsonFactory();

    private Frames() {
    }

    /** A peer as listed in {@code welcome.peers}. */
    public record Peer(String replica, String name, String role) {
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String frame(String type, Body body) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("t", type);
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Welcome with a full snapshot ({@code catchUp == null}) or with the ops after {@code since}. */
    public static String welcome(String board, String role, long seq, Items snapshot, List<Op> catchUp,
                                 List<Peer> peers, long time) {
        return welcome(board, role, seq, snapshot, catchUp, peers, time, false);
    }

    /** {@code withText}: text fields as their state (TX-7), for a client that merges text. */
    public static String welcome(String board, String role, long seq, Items snapshot, List<Op> catchUp,
                                 List<Peer> peers, long time, boolean withText) {
        return frame("welcome", g -> {
            g.writeNumberField("v", 1);
            g.writeStringField("board", board);
            g.writeStringField("role", role);
            g.writeNumberField("seq", seq);
            if (catchUp == null) {
                g.writeFieldName("snapshot");
                writeItems(g, snapshot, withText);
            } else {
                g.writeFieldName("ops");
                writeOps(g, catchUp);
            }
            g.writeArrayFieldStart("peers");
            for (Peer p : peers) {
                g.writeStartObject();
                g.writeStringField("replica", p.replica());
                g.writeStringField("name", p.name());
                g.writeStringField("role", p.role());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("time", time);
            // TX-7: this node merges text; a client sends text ops only to a node that says so.
            g.writeArrayFieldStart("caps");
            g.writeString("text");
            g.writeEndArray();
        });
    }

    public static String ack(String batch, long seq) {
        return frame("ack", g -> {
            g.writeStringField("batch", batch);
            g.writeNumberField("seq", seq);
        });
    }

    public static String ops(long seq, List<Op> ops) {
        return frame("ops", g -> {
            g.writeNumberField("seq", seq);
            g.writeFieldName("ops");
            writeOps(g, ops);
        });
    }

    public static String presence(String replica, String name, String role, JsonNode cursor, JsonNode selection) {
        return presence(replica, name, role, cursor, selection, null, null);
    }

    /**
     * With {@code caret}: where the person's caret is in a text field (TX-8), and {@code drag}: the
     * notes they are dragging and where they are now (PR-5); each left out when null.
     */
    public static String presence(String replica, String name, String role, JsonNode cursor, JsonNode selection, JsonNode caret,
                                  JsonNode drag) {
        return frame("presence", g -> {
            g.writeStringField("replica", replica);
            g.writeStringField("name", name);
            g.writeStringField("role", role);
            g.writeFieldName("cursor");
            writeNode(g, cursor);
            g.writeFieldName("selection");
            if (selection == null) {
                g.writeStartArray();
                g.writeEndArray();
            } else {
                writeNode(g, selection);
            }
            if (caret != null && !caret.isNull()) {
                g.writeFieldName("text");
                writeNode(g, caret);
            }
            if (drag != null && !drag.isNull()) {
                g.writeFieldName("drag");
                writeNode(g, drag);
            }
        });
    }

    /**
     * A validated tree (cursor, selection, caret, drag) written into the frame as it streams:
     * {@code JsonNode.toString()} ran a whole ObjectMapper write per field of every presence frame.
     */
    static void writeNode(JsonGenerator g, JsonNode n) throws IOException {
        if (n == null || n.isNull()) {
            g.writeNull();
        } else if (n.isArray()) {
            g.writeStartArray();
            for (JsonNode e : n) writeNode(g, e);
            g.writeEndArray();
        } else if (n.isObject()) {
            g.writeStartObject();
            for (var f : n.properties()) {
                g.writeFieldName(f.getKey());
                writeNode(g, f.getValue());
            }
            g.writeEndObject();
        } else if (n.isTextual()) {
            g.writeString(n.textValue());
        } else if (n.isBoolean()) {
            g.writeBoolean(n.booleanValue());
        } else if (n.isNumber()) {
            switch (n.numberType()) {
                case INT, LONG -> g.writeNumber(n.longValue());
                case BIG_INTEGER -> g.writeNumber(n.bigIntegerValue());
                case BIG_DECIMAL -> g.writeNumber(n.decimalValue());
                default -> g.writeNumber(n.doubleValue());
            }
        } else {
            g.writeRawValue(n.toString()); // binary or POJO nodes never come from a parsed frame
        }
    }

    public static String left(String replica) {
        return frame("left", g -> g.writeStringField("replica", replica));
    }

    public static String error(String code, String message, String batch) {
        return frame("error", g -> {
            g.writeStringField("code", code);
            g.writeStringField("message", message);
            if (batch != null) g.writeStringField("batch", batch);
        });
    }

    /** Where a client that can follow redirects finds the board's owner (rule RT-1). */
    public static String redirect(String url, String board) {
        return frame("redirect", g -> {
            g.writeStringField("url", url);
            g.writeStringField("board", board);
        });
    }

    /** An error about a control request (rule FA-8). */
    public static String controlError(String code, String message, String request) {
        return frame("error", g -> {
            g.writeStringField("code", code);
            g.writeStringField("message", message);
            g.writeStringField("request", request);
        });
    }

    /** A control request done: its change is durable (rule FA-8). */
    public static String done(String request, long seq) {
        return frame("done", g -> {
            g.writeStringField("request", request);
            g.writeNumberField("seq", seq);
        });
    }

    public static void writeOps(JsonGenerator g, List<Op> ops) throws IOException {
        g.writeStartArray();
        for (Op op : ops) OpCodec.write(g, op);
        g.writeEndArray();
    }

    /** {@code {"<item>":{"<field>":{"v":..,"s":..}}}}, sorted, so equal states encode equally. */
    public static void writeItems(JsonGenerator g, Items items) throws IOException {
        writeItems(g, items, false);
    }

    /** Items in the shape of {@code welcome.snapshot}; with {@code withText}, text fields as states (TX-7), else plain (TX-6). */
    public static void writeItems(JsonGenerator g, Items items, boolean withText) throws IOException {
        g.writeStartObject();
        for (String id : items.itemIds()) {
            g.writeObjectFieldStart(id);
            for (Map.Entry<String, Register> f : new TreeMap<>(items.item(id)).entrySet()) {
                g.writeObjectFieldStart(f.getKey());
                g.writeFieldName("v");
                be.samenbord.board.text.TextField text = withText ? items.textOf(id, f.getKey()) : null;
                g.writeRawValue(text == null ? f.getValue().json() : be.samenbord.board.text.TextJson.state(text));
                g.writeFieldName("s");
                OpCodec.writeStamp(g, f.getValue().stamp());
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** The items map alone as JSON text (REST board answer). */
    public static String items(Items items) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            writeItems(g, items);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
