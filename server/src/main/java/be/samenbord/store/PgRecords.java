package be.samenbord.store;

import be.samenbord.board.BoardSnapshot;
import be.samenbord.board.Op;
import be.samenbord.workshop.Workshop;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The TEXT columns of {@link PgStore}, in the JSON forms the journal uses ({@link JournalRecords},
 * ops in {@code OpCodec} form). Op values stay the exact JSON text Jackson writes: never jsonb,
 * which would reorder object keys. Every encoding is read back before it is stored, so nothing
 * is committed that recovery could not read.
 */
final class PgRecords {

    private PgRecords() {
    }

    private interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    /** Throws what reading the encoded bytes back would throw. */
    private interface ReadBack {
        void check(byte[] bytes) throws JournalRecords.MalformedException, IOException;
    }

    /** An op list as a JSON array; throws IllegalArgumentException if it would not read back (checked without rebuilding the ops). */
    static String ops(List<Op> ops) throws IOException {
        return encode(g -> JournalRecords.writeOps(g, ops), bytes -> JournalRecords.checkOps(ops, bytes, 2));
    }

    static String workshop(Workshop w) throws IOException {
        return encode(g -> JournalRecords.writeWorkshop(g, w), bytes -> JournalRecords.readWorkshop(JournalRecords.MAPPER.readTree(bytes)));
    }

    static String board(BoardSnapshot b) throws IOException {
        return encode(g -> JournalRecords.writeBoard(g, b), bytes -> JournalRecords.readBoard(JournalRecords.MAPPER.readTree(bytes)));
    }

    static List<Op> readOps(String text) throws JournalRecords.MalformedException {
        return JournalRecords.readOps(tree(text));
    }

    static Workshop readWorkshop(String text) throws JournalRecords.MalformedException {
        return JournalRecords.readWorkshop(tree(text));
    }

    static BoardSnapshot readBoard(String text) throws JournalRecords.MalformedException {
        return JournalRecords.readBoard(tree(text));
    }

    /**
     * A plain text column value: PostgreSQL text holds no NUL character and the client would turn
     * a lone surrogate into '?', so both are refused rather than stored changed.
     */
    static String text(String what, String value) {
        if (value == null) throw new IllegalArgumentException(what + " is missing");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) throw new IllegalArgumentException(what + " contains a NUL character");
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(what + " contains a lone surrogate");
            }
        }
        return value;
    }

    private static String encode(Writer writer, ReadBack readBack) throws IOException {
        // UTF-8 bytes first: the generator refuses broken surrogates instead of writing them.
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JournalRecords.JSON.createGenerator(out)) {
            writer.write(g);
        }
        byte[] bytes = out.toByteArray();
        try {
            readBack.check(bytes);
        } catch (JournalRecords.MalformedException e) {
            throw new IllegalArgumentException("record would not read back: " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("record would not read back: " + JournalRecords.describe(e));
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static JsonNode tree(String text) throws JournalRecords.MalformedException {
        try {
            return JournalRecords.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new JournalRecords.MalformedException("not JSON (" + JournalRecords.describe(e) + ")");
        }
    }
}
