package be.samenbord.board;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rules OP-4 (dedup), SQ-1 (seq), HE-4 (since). */
class BoardStateTest {

    private static Op op(String item, String value, long ms) {
        return new Op(item, "text", "\"" + value + "\"", new Stamp(ms, 0, "replica01"));
    }

    @Test
    void aResentBatchIsAcknowledgedWithItsSeqAndAppliedOnce() {
        BoardState board = new BoardState("b", "windroos");
        var first = board.submit("replica01", "batch-1", List.of(op("n1", "a", 1)));
        board.submit("replica01", "batch-2", List.of(op("n1", "b", 2)));
        var again = board.submit("replica01", "batch-1", List.of(op("n1", "a", 1)));
        assertInstanceOf(BoardState.Accepted.class, first);
        assertEquals(new BoardState.Duplicate(1), again);
        assertEquals(2, board.seq());
        assertEquals("\"b\"", board.items().get("n1", "text").json());
    }

    @Test
    void aBatchThatChangesNothingTakesNoSeq() {
        BoardState board = new BoardState("b", "windroos");
        board.submit("replica01", "batch-1", List.of(op("n1", "new", 5)));
        var stale = board.submit("replica02", "batch-1", List.of(new Op("n1", "text", "\"old\"", new Stamp(1, 0, "replica02"))));
        assertEquals(new BoardState.NoChange(1), stale);
        assertEquals(1, board.seq());
    }

    @Test
    void opsSinceReturnsWhatCameAfterOrAsksForASnapshot() {
        BoardState board = new BoardState("b", "windroos");
        for (int i = 1; i <= 5; i++) board.submit("replica01", "batch-" + i, List.of(op("n" + i, "v" + i, i)));
        assertEquals(List.of(op("n4", "v4", 4), op("n5", "v5", 5)), board.opsSince(3).orElseThrow());
        assertEquals(List.of(), board.opsSince(5).orElseThrow());
        assertTrue(board.opsSince(6).isEmpty(), "a seq from the future needs a snapshot");
        BoardState restored = BoardState.restore(board.snapshot());
        assertTrue(restored.opsSince(2).isEmpty(), "history before a snapshot is gone: snapshot instead");
        assertEquals(new BoardState.Duplicate(3), restored.submit("replica01", "batch-3", List.of()),
                "dedup survives a snapshot");
    }

    @Test
    @DisplayName("HE-4: past RECENT_OPS_FLOOR ops the log keeps no more ops than half the registers; a since further back gets the snapshot")
    void theLogKeepsAtMostHalfTheRegistersPastItsFloor() {
        BoardState board = new BoardState("b", "windroos");
        int notes = BoardState.RECENT_OPS_FLOOR; // five registers each: 5 × the floor ops, registers alike
        for (int i = 1; i <= notes; i++) {
            List<Op> ops = new java.util.ArrayList<>();
            for (String f : List.of("kind", "text", "zone", "x", "y")) ops.add(new Op("n" + i, f, "\"" + f + i + "\"", new Stamp(i, 0, "replica01")));
            board.submit("replica01", "batch-" + i, ops);
        }
        int kept = board.items().registers() / 2 / 5; // batches in the log
        assertEquals(5 * notes, board.items().registers());
        assertTrue(board.opsSince(notes - kept - 1).isEmpty(), "one batch further back than half the registers: snapshot");
        List<Op> since = board.opsSince(notes - kept).orElseThrow();
        assertEquals(5 * kept, since.size(), "half the registers' worth of ops");
        assertEquals(new Op("n" + notes, "y", "\"y" + notes + "\"", new Stamp(notes, 0, "replica01")), since.getLast());
        assertEquals(new Op("n" + (notes - kept + 1), "kind", "\"kind" + (notes - kept + 1) + "\"", new Stamp(notes - kept + 1, 0, "replica01")),
                since.getFirst());

        BoardState small = new BoardState("s", "windroos");
        for (int i = 1; i <= BoardState.RECENT_OPS_FLOOR; i++) small.submit("replica01", "b" + i, List.of(op("n1", "v" + i, i)));
        assertEquals(BoardState.RECENT_OPS_FLOOR, small.opsSince(0).orElseThrow().size(), "under the floor every op is kept, one register or not");
    }
}
