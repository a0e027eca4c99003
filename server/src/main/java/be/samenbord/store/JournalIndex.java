package be.samenbord.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each board's batch records sit in the journal segments on disk: board → (segment, byte
 * offset, seq), in the order they were written. Built at start by reading the segments' record
 * headers (the ops are not decoded) and grown by the writer after each sync, so loading one board
 * reads only its own records (rule DU-2). Thread-safe.
 */
final class JournalIndex {

    /** One batch record of a board. */
    record Ref(long segment, long offset, long seq) {
    }

    /** Triplets (segment, offset, seq), growable. */
    private static final class Refs {
        long[] data = new long[6];
        int size;

        void add(long segment, long offset, long seq) {
            if (size * 3 == data.length) data = Arrays.copyOf(data, data.length * 2);
            data[size * 3] = segment;
            data[size * 3 + 1] = offset;
            data[size * 3 + 2] = seq;
            size++;
        }
    }

    private final Map<String, Refs> boards = new HashMap<>();

    synchronized void add(String board, long segment, long offset, long seq) {
        boards.computeIfAbsent(board, k -> new Refs()).add(segment, offset, seq);
    }

    /** The records of {@code board} with a seq above {@code seq}, in seq order, the first of each seq. */
    synchronized List<Ref> after(String board, long seq) {
        Refs r = boards.get(board);
        List<Ref> out = new ArrayList<>();
        if (r == null) return out;
        for (int i = 0; i < r.size; i++) {
            if (r.data[i * 3 + 2] > seq) out.add(new Ref(r.data[i * 3], r.data[i * 3 + 1], r.data[i * 3 + 2]));
        }
        out.sort(Comparator.comparingLong(Ref::seq).thenComparingLong(Ref::segment).thenComparingLong(Ref::offset));
        List<Ref> unique = new ArrayList<>(out.size());
        for (Ref ref : out) {
            if (unique.isEmpty() || unique.getLast().seq() != ref.seq()) unique.add(ref);
        }
        return unique;
    }

    /** The highest seq of {@code board}'s records here, or -1 when it has none. */
    synchronized long newestSeq(String board) {
        Refs r = boards.get(board);
        long newest = -1;
        if (r == null) return newest;
        for (int i = 0; i < r.size; i++) newest = Math.max(newest, r.data[i * 3 + 2]);
        return newest;
    }

    /** Whether {@code board} has a record with a seq above {@code seq} in a segment below {@code segment}. */
    synchronized boolean hasAfter(String board, long seq, long segment) {
        Refs r = boards.get(board);
        if (r == null) return false;
        for (int i = 0; i < r.size; i++) {
            if (r.data[i * 3] < segment && r.data[i * 3 + 2] > seq) return true;
        }
        return false;
    }

    /** The lowest segment holding a record of {@code board} with a seq above {@code seq}; {@link Long#MAX_VALUE} for none. */
    synchronized long firstSegmentAfter(String board, long seq) {
        Refs r = boards.get(board);
        long first = Long.MAX_VALUE;
        if (r == null) return first;
        for (int i = 0; i < r.size; i++) {
            if (r.data[i * 3 + 2] > seq) first = Math.min(first, r.data[i * 3]);
        }
        return first;
    }

    /** Forgets the records of segments below {@code segment} (they were deleted). */
    synchronized void dropBelow(long segment) {
        for (var it = boards.values().iterator(); it.hasNext(); ) {
            Refs r = it.next();
            int kept = 0;
            for (int i = 0; i < r.size; i++) {
                if (r.data[i * 3] < segment) continue;
                System.arraycopy(r.data, i * 3, r.data, kept * 3, 3);
                kept++;
            }
            r.size = kept;
            if (kept == 0) it.remove();
            else if (r.data.length > 12 && kept * 6 < r.data.length) r.data = Arrays.copyOf(r.data, Math.max(6, kept * 3 * 2));
        }
    }

    /** Replaces what is known of one segment (it was rewritten at recovery, so its offsets moved). */
    synchronized void forgetSegment(long segment) {
        for (var it = boards.values().iterator(); it.hasNext(); ) {
            Refs r = it.next();
            int kept = 0;
            for (int i = 0; i < r.size; i++) {
                if (r.data[i * 3] == segment) continue;
                System.arraycopy(r.data, i * 3, r.data, kept * 3, 3);
                kept++;
            }
            r.size = kept;
            if (kept == 0) it.remove();
        }
    }

    /** Boards with at least one record on disk. */
    synchronized Set<String> boards() {
        return Set.copyOf(boards.keySet());
    }

    /** Records indexed, all boards together. */
    synchronized long size() {
        long n = 0;
        for (Refs r : boards.values()) n += r.size;
        return n;
    }
}
