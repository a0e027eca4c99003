package be.samenbord.store;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.board.BoardSnapshot;
import be.samenbord.board.Op;
import be.samenbord.board.Stamp;
import be.samenbord.board.codec.OpCodec;
import be.samenbord.workshop.Role;
import be.samenbord.workshop.Workshop;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * JSON of journal records and of the pieces snapshots share with them. Records:
 * {@code {"k":"b","board":id,"seq":n,"replica":r,"batch":b,"ops":[...]}} and
 * {@code {"k":"w","workshop":{...}}}; ops in {@link OpCodec} form.
 */
final class JournalRecords {

    // Trailing tokens would mean the payload is not what was written: treat them as damage. Op
    // values sit a few levels deeper here than on the wire, so allow more nesting than the default.
    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(2_000).build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    static final JsonFactory JSON = MAPPER.getFactory();

    private JournalRecords() {
    }

    sealed interface Record permits BatchRecord, WorkshopRecord {
    }

    record BatchRecord(String board, AcceptedBatch batch) implements Record {
    }

    record WorkshopRecord(Workshop workshop) implements Record {
    }

    /** A record or snapshot that is readable JSON text but not what the store writes. */
    static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message);
        }
    }

    static byte[] encodeBatch(String board, AcceptedBatch batch) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + 96 * batch.ops().size());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("k", "b");
            g.writeStringField("board", board);
            g.writeNumberField("seq", batch.seq());
            g.writeStringField("replica", batch.replica());
            g.writeStringField("batch", batch.batch());
            g.writeFieldName("ops");
            writeOps(g, batch.ops());
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    /**
     * Throws what {@link #decode} would throw for {@code payload}, the encoding of {@code batch}
     * by {@link #encodeBatch}, without building the batch again: every part but the ops' raw
     * values is written from typed fields, so what can go wrong is a missing id, a stamp out of
     * range, or raw value text that is not one JSON value or nests deeper than reading an op can
     * write out again. A full read-back of every batch was a fifth of a node's allocation in the
     * benchmark's S5 (issue 18).
     */
    static void checkBatch(String board, AcceptedBatch batch, byte[] payload) throws MalformedException {
        if (board == null || batch.replica() == null || batch.batch() == null) {
            throw new MalformedException("a batch record needs its board, replica and batch id");
        }
        checkOps(batch.ops(), payload, 3);
    }

    /**
     * As {@link #checkBatch}, for {@code json} holding {@code ops} with their values
     * {@code valueDepth} levels deep (a record: 3, a bare op list: 2).
     */
    static void checkOps(List<Op> ops, byte[] json, int valueDepth) throws MalformedException {
        Stamp previous = null;
        try {
            for (Op op : ops) {
                if (op.stamp() != previous) OpCodec.checkStamp(op.stamp());
                previous = op.stamp();
            }
        } catch (OpCodec.CodecException e) {
            throw new MalformedException(e.getMessage());
        }
        wellFormed(json, valueDepth + MAX_VALUE_DEPTH);
    }

    /** Nesting a value may have: reading an op writes its value out again, and the writer allows this much. */
    private static final int MAX_VALUE_DEPTH = com.fasterxml.jackson.core.StreamWriteConstraints.DEFAULT_MAX_DEPTH;

    /** Whether {@code json} is exactly one well-formed JSON value nested at most {@code maxDepth} deep, read as tokens (no tree). */
    static void wellFormed(byte[] json, int maxDepth) throws MalformedException {
        try (JsonParser p = JSON.createParser(json)) {
            int depth = 0;
            JsonToken t = p.nextToken();
            if (t == null) throw new MalformedException("empty record");
            do {
                if (t.isStructStart() && ++depth > maxDepth) throw new MalformedException("nested deeper than " + maxDepth);
                if (t.isStructEnd()) depth--;
            } while (depth > 0 && (t = p.nextToken()) != null);
            if (depth > 0) throw new MalformedException("the record ends early");
            if (p.nextToken() != null) throw new MalformedException("more than one JSON value");
        } catch (IOException e) {
            throw new MalformedException("not JSON (" + describe(e) + ")");
        }
    }

    static byte[] encodeWorkshop(Workshop workshop) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("k", "w");
            g.writeFieldName("workshop");
            writeWorkshop(g, workshop);
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    static Record decode(byte[] payload) throws MalformedException {
        JsonNode n;
        try {
            n = MAPPER.readTree(payload);
        } catch (IOException e) {
            throw new MalformedException("not JSON (" + describe(e) + ")");
        }
        if (n == null || !n.isObject()) throw new MalformedException("a record must be a JSON object");
        String kind = text(n, "k");
        return switch (kind) {
            case "b" -> new BatchRecord(text(n, "board"), new AcceptedBatch(number(n, "seq"), text(n, "replica"),
                    text(n, "batch"), readOps(n.get("ops"))));
            case "w" -> new WorkshopRecord(readWorkshop(n.get("workshop")));
            default -> throw new MalformedException("unknown record kind " + kind);
        };
    }

    /** A batch record's board and seq, without its ops: what recovery indexes (the ops are read on load). */
    record BatchRef(String board, long seq) implements Peeked {
    }

    /** What {@link #peek} finds: a batch's place, or a whole workshop record. */
    sealed interface Peeked permits BatchRef, WorkshopPeek {
    }

    record WorkshopPeek(Workshop workshop) implements Peeked {
    }

    /**
     * Reads a record as {@link #decode} would accept it, but builds no ops: the whole payload is
     * still tokenised (so broken JSON is damage, as in {@code decode}), only the ops are skipped.
     * Batch records are written with {@code k}, {@code board} and {@code seq} first.
     */
    static Peeked peek(byte[] payload) throws MalformedException {
        String kind = null;
        String board = null;
        long seq = 0;
        boolean hasSeq = false;
        boolean ops = false;
        boolean replica = false;
        boolean batch = false;
        try (JsonParser p = JSON.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new MalformedException("a record must be a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "k" -> kind = t == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "board" -> board = t == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "seq" -> {
                        hasSeq = t == JsonToken.VALUE_NUMBER_INT;
                        if (hasSeq) seq = p.getLongValue();
                    }
                    case "replica" -> replica = t == JsonToken.VALUE_STRING;
                    case "batch" -> batch = t == JsonToken.VALUE_STRING;
                    case "ops" -> ops = t == JsonToken.START_ARRAY;
                    default -> {
                    }
                }
                p.skipChildren();
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) throw new MalformedException("not one JSON object");
        } catch (IOException e) {
            throw new MalformedException("not JSON (" + describe(e) + ")");
        }
        // Workshops are few and needed whole at start: decode the full record.
        if ("w".equals(kind) && decode(payload) instanceof WorkshopRecord w) return new WorkshopPeek(w.workshop());
        if (!"b".equals(kind)) throw new MalformedException("unknown record kind " + kind);
        if (board == null || !hasSeq || !ops || !replica || !batch) throw new MalformedException("incomplete batch record");
        return new BatchRef(board, seq);
    }

    static void writeWorkshop(JsonGenerator g, Workshop w) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", w.id());
        g.writeStringField("title", w.title());
        g.writeNumberField("createdAt", w.createdAt());
        g.writeStringField("lang", w.lang());
        g.writeObjectFieldStart("tokenHashes");
        for (Role role : Role.values()) {
            String hash = w.tokenHashes().get(role);
            if (hash != null) g.writeStringField(role.wire(), hash);
        }
        g.writeEndObject();
        g.writeArrayFieldStart("boards");
        for (Workshop.BoardRef b : w.boards()) {
            g.writeStartObject();
            g.writeStringField("id", b.id());
            g.writeStringField("template", b.template());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static Workshop readWorkshop(JsonNode n) throws MalformedException {
        if (n == null || !n.isObject()) throw new MalformedException("a workshop must be an object");
        JsonNode hashes = n.get("tokenHashes");
        if (hashes == null || !hashes.isObject()) throw new MalformedException("workshop.tokenHashes must be an object");
        Map<Role, String> tokenHashes = new EnumMap<>(Role.class);
        for (Map.Entry<String, JsonNode> e : hashes.properties()) {
            tokenHashes.put(role(e.getKey()), text(hashes, e.getKey()));
        }
        List<Workshop.BoardRef> boards = new ArrayList<>();
        for (JsonNode b : array(n, "boards")) {
            boards.add(new Workshop.BoardRef(text(b, "id"), optionalText(b, "template")));
        }
        // Workshops stored before languages existed have none: Dutch (Workshop's default).
        JsonNode lang = n.get("lang");
        return new Workshop(text(n, "id"), text(n, "title"), number(n, "createdAt"), tokenHashes, boards,
                lang != null && lang.isTextual() ? lang.asText() : null);
    }

    static void writeBoard(JsonGenerator g, BoardSnapshot b) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", b.id());
        g.writeStringField("template", b.template());
        g.writeNumberField("seq", b.seq());
        g.writeFieldName("ops");
        writeOps(g, b.ops());
        g.writeArrayFieldStart("recentBatches");
        for (BoardSnapshot.BatchKey k : b.recentBatches()) {
            g.writeStartObject();
            g.writeStringField("replica", k.replica());
            g.writeStringField("batch", k.batch());
            g.writeNumberField("seq", k.seq());
            if (k.ms() >= 0) g.writeNumberField("ms", k.ms());
            g.writeEndObject();
        }
        g.writeEndArray();
        // Pruning (rules GC-1..GC-3); absent in files written before it, read as 0.
        if (b.prunedBefore() != 0) g.writeNumberField("prunedBefore", b.prunedBefore());
        if (b.resyncFloor() != 0) g.writeNumberField("resyncFloor", b.resyncFloor());
        g.writeEndObject();
    }

    static BoardSnapshot readBoard(JsonNode n) throws MalformedException {
        if (n == null || !n.isObject()) throw new MalformedException("a board must be an object");
        List<BoardSnapshot.BatchKey> keys = new ArrayList<>();
        for (JsonNode k : array(n, "recentBatches")) {
            keys.add(new BoardSnapshot.BatchKey(text(k, "replica"), text(k, "batch"), number(k, "seq"),
                    k.has("ms") ? number(k, "ms") : -1));
        }
        return new BoardSnapshot(text(n, "id"), optionalText(n, "template"), number(n, "seq"),
                readOps(n.get("ops")), keys, optionalNumber(n, "prunedBefore"), optionalNumber(n, "resyncFloor"));
    }

    private static long optionalNumber(JsonNode parent, String field) throws MalformedException {
        return parent.has(field) ? number(parent, field) : 0;
    }

    static void writeOps(JsonGenerator g, List<Op> ops) throws IOException {
        g.writeStartArray();
        for (Op op : ops) OpCodec.write(g, op);
        g.writeEndArray();
    }

    static List<Op> readOps(JsonNode n) throws MalformedException {
        if (n == null || !n.isArray()) throw new MalformedException("ops must be an array");
        List<Op> ops = new ArrayList<>(n.size());
        try {
            for (JsonNode op : n) ops.add(OpCodec.read(op, ops.isEmpty() ? null : ops.get(ops.size() - 1)));
        } catch (OpCodec.CodecException e) {
            throw new MalformedException(e.getMessage());
        }
        return ops;
    }

    static JsonNode array(JsonNode parent, String field) throws MalformedException {
        JsonNode n = parent == null ? null : parent.get(field);
        if (n == null || !n.isArray()) throw new MalformedException(field + " must be an array");
        return n;
    }

    static String text(JsonNode parent, String field) throws MalformedException {
        JsonNode n = parent == null ? null : parent.get(field);
        if (n == null || !n.isTextual()) throw new MalformedException(field + " must be a string");
        return n.asText();
    }

    private static String optionalText(JsonNode parent, String field) throws MalformedException {
        JsonNode n = parent.get(field);
        return n == null || n.isNull() ? null : text(parent, field);
    }

    static long number(JsonNode parent, String field) throws MalformedException {
        JsonNode n = parent == null ? null : parent.get(field);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new MalformedException(field + " must be an integer");
        }
        return n.asLong();
    }

    /** A one-line reason, without Jackson's location noise. */
    static String describe(Exception e) {
        String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("");
    }

    private static Role role(String wire) throws MalformedException {
        for (Role r : Role.values()) {
            if (r.wire().equals(wire)) return r;
        }
        throw new MalformedException("unknown role " + wire);
    }
}
