package be.samenbord.board;

import java.util.List;

/**
 * A board frozen at {@code seq}: every register as an op, plus the recent (replica, batch) keys so
 * that dedup survives a restart from a snapshot. {@code prunedBefore} and {@code resyncFloor}
 * carry what pruning did (rules GC-1..GC-3): ops older than {@code prunedBefore} may have been
 * forgotten, and a {@code since} at or below {@code resyncFloor} needs a full snapshot.
 */
public record BoardSnapshot(String id, String template, long seq, List<Op> ops, List<BatchKey> recentBatches,
                            long prunedBefore, long resyncFloor) {

    public BoardSnapshot {
        ops = List.copyOf(ops);
        recentBatches = List.copyOf(recentBatches);
    }

    /** A board that was never pruned. */
    public BoardSnapshot(String id, String template, long seq, List<Op> ops, List<BatchKey> recentBatches) {
        this(id, template, seq, ops, recentBatches, 0, 0);
    }

    /**
     * A remembered batch id, the seq it was acknowledged with and its oldest op stamp (epoch ms;
     * -1 = unknown: written before keys had an age, never pruned by age).
     */
    public record BatchKey(String replica, String batch, long seq, long ms) {
        public BatchKey(String replica, String batch, long seq) {
            this(replica, batch, seq, -1);
        }
    }
}
