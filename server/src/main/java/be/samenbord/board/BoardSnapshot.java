package be.samenbord.board;

import java.util.List;

/**
 * A board frozen at {@code seq}: every register as an op, plus the recent (replica, batch) keys so
 * that dedup survives a restart from a snapshot.
 */
public record BoardSnapshot(String id, String template, long seq, List<Op> ops, List<BatchKey> recentBatches) {

    public BoardSnapshot {
        ops = List.copyOf(ops);
        recentBatches = List.copyOf(recentBatches);
    }

    /** A remembered batch id and the seq it was acknowledged with. */
    public record BatchKey(String replica, String batch, long seq) {
    }
}
