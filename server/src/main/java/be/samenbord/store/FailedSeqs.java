package be.samenbord.store;

import java.util.HashMap;
import java.util.Map;

/**
 * Keeps a board's seqs gap-free in a store (rule DU-5): once an append of a board failed at seq
 * N, every append of that board with a later seq is refused until one with seq ≤ N comes (the
 * board rolled back and hands out N again). Otherwise a store that healed quickly could make N+1
 * durable while N is not. Thread-safe.
 */
public final class FailedSeqs {

    private final Map<String, Long> lowestFailed = new HashMap<>();

    public synchronized void failed(String board, long seq) {
        lowestFailed.merge(board, seq, Math::min);
    }

    /** True when this append must be refused; an append at or below the failed seq clears the mark. */
    public synchronized boolean refuses(String board, long seq) {
        Long failed = lowestFailed.get(board);
        if (failed == null) return false;
        if (seq <= failed) {
            lowestFailed.remove(board);
            return false;
        }
        return true;
    }
}
