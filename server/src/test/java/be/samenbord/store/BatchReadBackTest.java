package be.samenbord.store;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.board.Op;
import be.samenbord.board.Stamp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * DU-2, DU-3: a batch record is refused before it is stored exactly when recovery could not read it
 * back. The check without a rebuild ({@link JournalRecords#checkBatch}) must refuse what the full
 * read-back ({@link JournalRecords#decode}) refuses, and pass what it passes.
 */
class BatchReadBackTest {

    private static final String R = StoreFixtures.REPLICA;

    private static Op op(String json, Stamp s) {
        return new Op("note-1", "text", json, s);
    }

    private static List<AcceptedBatch> cases() {
        Stamp ok = new Stamp(1_700_000_000_000L, 3, R);
        List<AcceptedBatch> out = new ArrayList<>();
        for (String json : List.of("\"Hallo\"", "123", "-1.5e3", "true", "null", "{\"a\":[1,{\"b\":\"\\u00e9\"}]}", "[]", "\"\\ud83d\\ude00\"",
                "{\"open\":", "1 2", "1]", "\"unterminated", "", "{\"a\":1}}", "[".repeat(2_001) + "]".repeat(2_001),
                "[".repeat(1_990) + "]".repeat(1_990), "[".repeat(1_000) + "]".repeat(1_000), "[".repeat(1_001) + "]".repeat(1_001),
                "nul", "{'a':1}")) {
            out.add(new AcceptedBatch(7, R, "b-" + out.size(), List.of(op("\"eerst\"", ok), op(json, ok))));
        }
        out.add(new AcceptedBatch(7, R, "b-replica", List.of(op("1", new Stamp(1, 0, "x")))));
        out.add(new AcceptedBatch(7, R, "b-counter", List.of(op("1", new Stamp(1, 1_000_001, R)))));
        out.add(new AcceptedBatch(7, R, "b-ms", List.of(op("1", new Stamp(1L << 53, 0, R)))));
        out.add(new AcceptedBatch(7, R, "b-max", List.of(op("1", new Stamp((1L << 53) - 1, 1_000_000, R)))));
        out.add(new AcceptedBatch(7, null, "b-no-replica", List.of(op("1", ok))));
        return out;
    }

    @Test
    @DisplayName("DU-2: checking a batch record without rebuilding it refuses exactly what reading it back refuses")
    void checkAgreesWithReadBack() throws Exception {
        int refused = 0;
        for (AcceptedBatch b : cases()) {
            byte[] payload = JournalRecords.encodeBatch("board-a", b);
            String full = verdict(() -> JournalRecords.decode(payload));
            String quick = verdict(() -> JournalRecords.checkBatch("board-a", b, payload));
            assertEquals(full.equals("ok"), quick.equals("ok"), b.batch() + ": read-back says " + full + ", the check says " + quick);
            if (!full.equals("ok")) refused++;
        }
        assertEquals(15, refused, "the cases hold this many unreadable records");
    }

    private interface Check {
        void run() throws Exception;
    }

    private static String verdict(Check c) {
        try {
            c.run();
            return "ok";
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }
}
