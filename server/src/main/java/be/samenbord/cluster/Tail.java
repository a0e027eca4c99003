package be.samenbord.cluster;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A board's tail in the cluster (value of {@link BoardTails#MAP}): the last seq any owner was
 * allowed to assign, and the accepted batches not yet confirmed in the shared store, oldest
 * first, ending at {@code lastSeq}. Immutable; the entry processors replace it.
 */
record Tail(long lastSeq, List<String> pending) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    Tail {
        pending = List.copyOf(pending);
    }

    /** Seq of {@code pending.get(i)}. */
    long seqAt(int i) {
        return lastSeq - pending.size() + 1 + i;
    }

    Tail append(long seq, String record) {
        if (seq != lastSeq + 1) throw new IllegalArgumentException("seq " + seq + " does not follow " + lastSeq);
        return append(List.of(record));
    }

    /** The batches of seqs lastSeq + 1, lastSeq + 2, ... added. */
    Tail append(List<String> records) {
        List<String> next = new ArrayList<>(pending.size() + records.size());
        next.addAll(pending);
        next.addAll(records);
        return new Tail(lastSeq + records.size(), next);
    }

    Tail trim(long upTo) {
        int keepFrom = 0;
        while (keepFrom < pending.size() && seqAt(keepFrom) <= upTo) keepFrom++;
        return keepFrom == 0 ? this : new Tail(lastSeq, pending.subList(keepFrom, pending.size()));
    }
}
