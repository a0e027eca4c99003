package be.samenbord.board;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The pure rollback behind rule DU-5: a board applies batches before they are durable; when the
 * store cannot take seq N, N and every later not-durable seq come back out, leaving the state
 * exactly as if they had never been submitted (items, seq, dedup keys, recent batches).
 */
class BoardStateRollbackTest {

    private static final long[] SEEDS = {1, 7, 42, 1_000_003, 20_261_207};

    private static Op op(String item, String field, String value, long ms, String replica) {
        return new Op(item, field, "\"" + value + "\"", new Stamp(ms, 0, replica));
    }

    @Test
    @DisplayName("DU-5: rolling back to the durable seq restores items, seq, dedup and catch-up exactly")
    void rollbackRestoresTheStateBeforeTheFailedSeq() {
        BoardState board = new BoardState("b", "windroos");
        board.submit("replicaAA", "b1", List.of(op("n1", "text", "one", 1, "replicaAA")));
        board.markDurable(1);
        BoardSnapshot durable = board.snapshot();

        board.submit("replicaAA", "b2", List.of(op("n1", "text", "two", 2, "replicaAA"), op("n2", "text", "new", 2, "replicaAA")));
        board.submit("replicaBB", "b3", List.of(op("n1", "color", "red", 3, "replicaBB")));
        // A batch that changes nothing is acknowledged at seq 3: its dedup key must go with seq 3.
        assertEquals(new BoardState.NoChange(3), board.submit("replicaCC", "b4", List.of(op("n1", "text", "old", 0, "replicaCC"))));
        assertEquals(3, board.seq());

        List<AcceptedBatch> undone = board.rollbackTo(1);
        assertEquals(List.of(2L, 3L), undone.stream().map(AcceptedBatch::seq).toList());
        assertEquals(durable, board.snapshot());
        assertEquals(1, board.seq());
        assertFalse(board.items().contains("n2"), "an item the rolled-back batch created is gone");
        assertEquals(java.util.Optional.of(List.of()), board.opsSince(1));
        // The resends are new batches again, not duplicates of seqs that no longer exist.
        assertInstanceOf(BoardState.Accepted.class, board.submit("replicaAA", "b2", List.of(op("n1", "text", "two", 2, "replicaAA"))));
        assertEquals(2, board.seq());
        assertInstanceOf(BoardState.NoChange.class, board.submit("replicaCC", "b4", List.of(op("n1", "text", "old", 0, "replicaCC"))));
    }

    @Test
    @DisplayName("DU-5: seqs already durable cannot be rolled back")
    void durableSeqsStay() {
        BoardState board = new BoardState("b", "windroos");
        board.submit("replicaAA", "b1", List.of(op("n1", "text", "one", 1, "replicaAA")));
        board.submit("replicaAA", "b2", List.of(op("n1", "text", "two", 2, "replicaAA")));
        board.markDurable(2);
        assertThrows(IllegalArgumentException.class, () -> board.rollbackTo(1));
        assertEquals(List.of(), board.rollbackTo(2));
        assertEquals(2, board.seq());
    }

    @Test
    @DisplayName("DU-5: random batches, a random durable point, a rollback: equal to a board that only ever saw the durable ones (fixed seeds)")
    void rollbackEqualsNeverHavingSubmitted() {
        for (long seed : SEEDS) {
            Random random = new Random(seed);
            BoardState live = new BoardState("b", "windroos");
            BoardState reference = new BoardState("b", "windroos");
            List<Object[]> submitted = new ArrayList<>();
            int total = 20 + random.nextInt(60);
            int durableAt = random.nextInt(total);
            for (int i = 0; i < total; i++) {
                String replica = "replica" + (char) ('A' + random.nextInt(3)) + "X";
                List<Op> ops = new ArrayList<>();
                for (int k = 0, n = 1 + random.nextInt(4); k < n; k++) {
                    ops.add(op("n" + random.nextInt(6), random.nextBoolean() ? "text" : "color", "v" + random.nextInt(100),
                            random.nextInt(50), replica));
                }
                // Now and then a resend of an earlier batch (dedup) or of a stale one (NoChange).
                String batchId = random.nextInt(8) == 0 && !submitted.isEmpty() ? (String) submitted.get(random.nextInt(submitted.size()))[1]
                        : "b" + i;
                long before = live.seq();
                BoardState.Outcome outcome = live.submit(replica, batchId, ops);
                // Before the durable point everything counts; after it, a batch acknowledged at the
                // durable seq itself (a duplicate or no change) stays too: its seq is not taken back.
                boolean keptAtDurableSeq = i >= durableAt && before == reference.seq() && !(outcome instanceof BoardState.Accepted);
                if (i < durableAt || keptAtDurableSeq) reference.submit(replica, batchId, ops);
                submitted.add(new Object[]{replica, batchId});
                if (i + 1 == durableAt) live.markDurable(live.seq());
            }
            if (durableAt == 0) live.markDurable(0);
            live.rollbackTo(reference.seq());
            assertEquals(reference.snapshot(), live.snapshot(), "seed " + seed);
            assertEquals(reference.opsSince(0), live.opsSince(0), "seed " + seed);
        }
    }
}
