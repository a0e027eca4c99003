package be.samenbord.board;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rules GC-1..GC-3: what a board forgets, and that forgetting is safe in both directions. The
 * "clock" is the cutoff handed to {@link BoardState#prune} (the registry passes its clock minus
 * the horizon), so every case here picks its own time.
 */
class BoardPruningTest {

    private static final long DAY = 24L * 3600 * 1000;
    private static final long T0 = 1_700_000_000_000L;

    private static Op op(String item, String field, String json, long ms) {
        return new Op(item, field, json, new Stamp(ms, 0, "replica01"));
    }

    /** Prunes once everything applied is durable, as the registry does right after a load. */
    private static BoardState.Pruned prune(BoardState board, long cutoffMs) {
        board.markDurable(board.seq());
        return board.prune(cutoffMs);
    }

    /** A note created at {@code at} by its own batch. */
    private static List<Op> note(String id, long at) {
        return List.of(op(id, "kind", "\"note\"", at), op(id, "text", "\"" + id + "\"", at), op(id, "x", "10", at));
    }

    @Test
    @DisplayName("GC-2: a batch id older than the cutoff is forgotten and its resend is stale (GC-1), nothing applied twice")
    void oldDedupKeyPrunedAndResendStale() {
        BoardState board = new BoardState("b", "windroos");
        board.submit("replica01", "old", note("n1", T0));
        board.submit("replica01", "new", note("n2", T0 + 8 * DAY));
        BoardState.Pruned pruned = prune(board, T0 + 7 * DAY);
        assertEquals(new BoardState.Pruned(1, 0), pruned);

        BoardState.Outcome resend = board.submit("replica01", "old", note("n1", T0));
        assertEquals(new BoardState.Stale(2), resend, "its key is gone, so a resend must not be applied again");
        assertEquals(2, board.seq());
        assertEquals(new BoardState.Duplicate(2), board.submit("replica01", "new", note("n2", T0 + 8 * DAY)),
                "a batch inside the horizon is still known");
    }

    @Test
    @DisplayName("GC-2: before the cutoff passes a batch, its id is kept and a resend is a duplicate (OP-4)")
    void keyInsideHorizonKept() {
        BoardState board = new BoardState("b", "windroos");
        board.submit("replica01", "b1", note("n1", T0));
        assertEquals(new BoardState.Pruned(0, 0), prune(board, T0));
        assertEquals(new BoardState.Duplicate(1), board.submit("replica01", "b1", note("n1", T0)));
        assertEquals(new BoardState.Pruned(0, 0), prune(board, T0 - DAY), "an older cutoff changes nothing");
    }

    @Test
    @DisplayName("GC-3: a deleted item whose every register is older than the cutoff is dropped; one touched since, or not deleted, stays")
    void deletedItemsPruned() {
        BoardState board = new BoardState("b", "windroos");
        board.submit("replica01", "c1", note("gone", T0));
        board.submit("replica01", "d1", List.of(op("gone", "deleted", "true", T0 + DAY)));
        board.submit("replica01", "c2", note("touched", T0));
        board.submit("replica01", "d2", List.of(op("touched", "deleted", "true", T0 + DAY)));
        board.submit("replica01", "m2", List.of(op("touched", "x", "99", T0 + 9 * DAY)));
        board.submit("replica01", "c3", note("alive", T0));

        BoardState.Pruned pruned = prune(board, T0 + 8 * DAY);
        assertEquals(1, pruned.items());
        assertFalse(board.items().contains("gone"));
        assertTrue(board.items().contains("touched"), "a register newer than the cutoff keeps a deleted item");
        assertTrue(board.items().contains("alive"), "a live item is never pruned, however old");
        assertEquals(6, board.seq(), "pruning takes no seq");
    }

    @Test
    @DisplayName("GC-1: after pruning, a batch with any op older than the cutoff is refused whole; a newer one is applied")
    void staleBatchesRefusedWhole() {
        BoardState board = new BoardState("b", "windroos");
        board.submit("replica01", "c1", note("n1", T0));
        board.submit("replica01", "d1", List.of(op("n1", "deleted", "true", T0 + DAY)));
        prune(board, T0 + 8 * DAY);
        // An offline client's old edit of the pruned note would bring part of it back: refused.
        List<Op> mixed = List.of(op("n2", "text", "\"new\"", T0 + 9 * DAY), op("n1", "text", "\"late edit\"", T0 + 2 * DAY));
        assertInstanceOf(BoardState.Stale.class, board.submit("replica01", "late", mixed));
        assertFalse(board.items().contains("n1"));
        assertFalse(board.items().contains("n2"), "nothing of a stale batch is applied");
        assertInstanceOf(BoardState.Accepted.class, board.submit("replica01", "fresh", note("n3", T0 + 9 * DAY)));
    }

    @Test
    @DisplayName("GC-3, HE-4: once items were pruned, a since up to that seq gets a full snapshot; without pruned items catch-up works")
    void sinceAfterPruningNeedsSnapshot() {
        BoardState board = new BoardState("b", "windroos");
        board.submit("replica01", "c1", note("n1", T0));
        board.submit("replica01", "c2", note("n2", T0));
        prune(board, T0 + DAY);
        assertEquals(1, board.opsSince(1).orElseThrow().size() / 3, "no item pruned: catch-up as before");

        board.submit("replica01", "d1", List.of(op("n1", "deleted", "true", T0 + 2 * DAY)));
        prune(board, T0 + 9 * DAY);
        assertTrue(board.opsSince(3).isEmpty(), "a client at seq 3 may still show the pruned note");
        assertTrue(board.opsSince(1).isEmpty());
        board.submit("replica01", "c4", note("n4", T0 + 10 * DAY));
        assertEquals(List.of(), board.opsSince(4).orElseThrow(), "a client past the pruning catches up again");
    }

    @Test
    @DisplayName("GC-1..GC-3: a snapshot keeps the cutoff, the resync seq and the age of every batch id")
    void snapshotKeepsPruning() {
        BoardState board = new BoardState("b", "windroos");
        board.submit("replica01", "c1", note("n1", T0));
        board.submit("replica01", "d1", List.of(op("n1", "deleted", "true", T0 + DAY)));
        board.submit("replica01", "c2", note("n2", T0 + 9 * DAY));
        prune(board, T0 + 8 * DAY);
        BoardState back = BoardState.restore(board.snapshot());
        assertEquals(board.items(), back.items());
        assertEquals(T0 + 8 * DAY, back.prunedBefore());
        assertInstanceOf(BoardState.Stale.class, back.submit("replica01", "c1", note("n1", T0)));
        assertTrue(back.opsSince(3).isEmpty());
        assertEquals(new BoardState.Duplicate(3), back.submit("replica01", "c2", note("n2", T0 + 9 * DAY)));
        // The key's age came back with it: a later prune forgets it.
        assertEquals(1, prune(back, T0 + 10 * DAY).keys());
    }

    @Test
    @DisplayName("a board with a batch not yet durable cannot be pruned (a rollback could not undo it)")
    void onlyDurableBoardsPrune() {
        BoardState board = new BoardState("b", "windroos");
        board.submit("replica01", "c1", note("n1", T0));
        assertThrows(IllegalStateException.class, () -> board.prune(T0 + DAY));
        board.markDurable(1);
        assertEquals(1, board.prune(T0 + DAY).keys());
    }
}
