package be.samenbord.cluster;

import com.hazelcast.map.EntryProcessor;

import java.io.Serial;
import java.util.List;
import java.util.Map;

/**
 * The three changes to a board's {@link Tail}. Each runs atomically on the partition owner and is
 * replayed on the synchronous backup (its own backup processor), so owner and backup stay equal.
 */
final class TailProcessors {

    private TailProcessors() {
    }

    /** Creates the tail at {@code baseSeq} (what the shared store holds) unless there is one; returns it. */
    record Init(long baseSeq) implements EntryProcessor<String, Tail, Tail> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Tail process(Map.Entry<String, Tail> entry) {
            if (entry.getValue() == null) entry.setValue(new Tail(baseSeq, List.of()));
            return entry.getValue();
        }
    }

    /**
     * Appends the batches from seq {@code first} on if and only if the tail ends at {@code first - 1}:
     * the fence that keeps two nodes that both think they own a board from giving out the same seq
     * twice. It also drops the pending batches up to {@code trimUpTo}, which the shared store has:
     * under load that saves a separate {@link Trim} (and its backup) per batch.
     */
    record Append(long first, List<String> records, long trimUpTo) implements EntryProcessor<String, Tail, Boolean> {
        @Serial
        private static final long serialVersionUID = 2L;

        Append {
            records = List.copyOf(records);
        }

        /** One batch, nothing to trim. */
        Append(long seq, String record) {
            this(seq, List.of(record), 0);
        }

        @Override
        public Boolean process(Map.Entry<String, Tail> entry) {
            Tail tail = entry.getValue();
            if (tail == null || tail.lastSeq() != first - 1) return false;
            entry.setValue(tail.trim(trimUpTo).append(records));
            return true;
        }
    }

    /** Drops pending batches up to {@code upTo}: the shared store has them now. */
    record Trim(long upTo) implements EntryProcessor<String, Tail, Void> {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Void process(Map.Entry<String, Tail> entry) {
            Tail tail = entry.getValue();
            if (tail != null) {
                Tail trimmed = tail.trim(upTo);
                if (trimmed != tail) entry.setValue(trimmed);
            }
            return null;
        }
    }
}
