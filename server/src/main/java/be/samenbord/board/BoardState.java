package be.samenbord.board;

import be.samenbord.board.text.TextException;
import be.samenbord.board.text.TextField;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One board on its owner: the replicated items, the per-board sequence number, a window of recent
 * (replica, batch) ids for dedup (rule OP-4) and a log of recent accepted batches for {@code since}
 * catch-up (rule HE-4). Pure and single-threaded: the caller serialises access.
 *
 * <p>{@link #prune} forgets what no replica can still need (rules GC-1..GC-3): dedup keys of
 * batches older than a cutoff and deleted items whose every register is older than it. From
 * then on a batch with an op older than that cutoff is {@link Stale}: it could be a resend of a
 * batch whose key was forgotten, or recreate part of a pruned item.
 */
public final class BoardState {

    public static final int DEDUP_WINDOW = 10_000;
    public static final int RECENT_OPS = 20_000;
    /**
     * Past this many ops the log keeps no more ops than half the board's registers (HE-4): a
     * {@code since} further back gets the snapshot, at most about twice the ops it stands for, and
     * a board built note by note does not hold its whole history twice (issue 18, heap per board).
     */
    public static final int RECENT_OPS_FLOOR = 2_000;

    private final String id;
    private final String template;
    private final Items items = new Items();
    private final LinkedHashMap<String, Seen> recentBatchSeqs = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
            return size() > DEDUP_WINDOW;
        }
    };
    /** Ops older than this (epoch ms) may have been pruned: batches holding one are stale (GC-1). */
    private long prunedBefore;
    /** A {@code since} at or below this seq may hold pruned items: it gets a full snapshot (GC-3). */
    private long resyncFloor;
    private final ArrayDeque<Logged> recent = new ArrayDeque<>();
    private int recentOps;
    private long seq;
    /** Seqs not durable yet, oldest first: what each changed, so a failed store can take it back. */
    private final ArrayDeque<Undo> notDurable = new ArrayDeque<>();
    private long durableSeq;

    /**
     * A remembered batch: the seq it was acknowledged with, and its oldest op stamp (epoch ms; -1 =
     * unknown, from a snapshot written before keys had an age: never pruned by age).
     */
    private record Seen(long seq, long ms) {
    }

    /**
     * A batch kept for {@code since}: its ops as item, field, value and stamp side by side in one
     * array, not as {@link Op} objects (issue 18, heap per board).
     */
    private record Logged(long seq, String replica, String batch, Object[] ops) {
        static Logged of(AcceptedBatch b) {
            Object[] ops = new Object[4 * b.ops().size()];
            int i = 0;
            for (Op op : b.ops()) {
                ops[i++] = op.item();
                ops[i++] = op.field();
                ops[i++] = op.json();
                ops[i++] = op.stamp();
            }
            return new Logged(b.seq(), b.replica(), b.batch(), ops);
        }

        int size() {
            return ops.length / 4;
        }

        void addTo(List<Op> out) {
            for (int i = 0; i < ops.length; i += 4) out.add(new Op((String) ops[i], (String) ops[i + 1], (String) ops[i + 2], (Stamp) ops[i + 3]));
        }

        AcceptedBatch accepted() {
            List<Op> list = new ArrayList<>(size());
            addTo(list);
            return new AcceptedBatch(seq, replica, batch, list);
        }
    }

    /** What accepting {@code seq} changed: registers it replaced and dedup keys it added (also of NoChange batches at that seq). */
    private record Undo(long seq, List<Items.Replaced> replaced, List<String> keys) {
    }

    public BoardState(String id, String template) {
        this.id = id;
        this.template = template;
    }

    /** What became of a submitted batch. */
    public sealed interface Outcome {
        /** Seq the client is acknowledged with. */
        long seq();
    }

    /** Seen before: acknowledge again with the seq it had, apply nothing. */
    public record Duplicate(long seq) implements Outcome {
    }

    /**
     * An op of the batch is older than what this board has pruned (rule GC-1): refused whole, as it
     * may be a resend of a batch whose dedup key is gone. {@code seq}: the board's seq now.
     */
    public record Stale(long seq) implements Outcome {
    }

    /** Every op lost to a newer register: nothing to store or send, acknowledge at the current seq. */
    public record NoChange(long seq) implements Outcome {
    }

    /** New and effective: store and fan out {@code batch}. */
    public record Accepted(AcceptedBatch batch) implements Outcome {
        @Override
        public long seq() {
            return batch.seq();
        }
    }

    /**
     * The batch does not fit the board's text (TX-4: it names characters the field does not have,
     * reuses ids, or would make a field longer than {@link #MAX_TEXT}); nothing of it was applied.
     */
    public record Refused(long seq, String reason) implements Outcome {
    }

    /** The longest a text field may show once a batch is merged, in code points (IT-2, TX-4). */
    public static final int MAX_TEXT = 4000;

    /** Applies a validated batch whole, or nothing of it. */
    public Outcome submit(String replica, String batchId, List<Op> ops) {
        String key = key(replica, batchId);
        Seen seen = recentBatchSeqs.get(key);
        if (seen != null) return new Duplicate(seen.seq());
        long oldest = oldestMs(ops);
        if (oldest < prunedBefore) return new Stale(seq);
        List<Items.Replaced> replaced = new ArrayList<>();
        List<Op> won;
        try {
            won = items.applyAll(ops, replaced);
            for (Items.Replaced r : replaced) {
                TextField text = items.textOf(r.item(), r.field());
                if (text != null && text.length() > MAX_TEXT) {
                    throw new TextException(r.field() + " of " + r.item() + " would hold more than " + MAX_TEXT + " characters");
                }
            }
        } catch (TextException e) {
            items.undo(replaced);
            return new Refused(seq, e.getMessage());
        }
        if (won.isEmpty()) {
            recentBatchSeqs.put(key, new Seen(seq, oldest == Long.MAX_VALUE ? -1 : oldest));
            // Acknowledged at a seq that may still be rolled back: then the key goes with it.
            if (seq > durableSeq && !notDurable.isEmpty()) notDurable.peekLast().keys().add(key);
            return new NoChange(seq);
        }
        AcceptedBatch accepted = new AcceptedBatch(seq + 1, replica, batchId, won);
        record(accepted, oldest);
        List<String> keys = new ArrayList<>(1);
        keys.add(key);
        notDurable.addLast(new Undo(accepted.seq(), replaced, keys));
        return new Accepted(accepted);
    }

    /** Every seq up to {@code durable} is stored: forget how to take it back. */
    public void markDurable(long durable) {
        durableSeq = Math.max(durableSeq, durable);
        while (!notDurable.isEmpty() && notDurable.peekFirst().seq() <= durableSeq) notDurable.removeFirst();
    }

    /**
     * Takes back every accepted batch after {@code toSeq} (they could not be stored, rule DU-5): the
     * items, the seq, the dedup keys and the recent batches are as they were right after
     * {@code toSeq}, so a resend of those batches is applied anew. Returns them, oldest first.
     * Only seqs after the last {@link #markDurable} can be taken back.
     */
    public List<AcceptedBatch> rollbackTo(long toSeq) {
        if (toSeq < durableSeq) throw new IllegalArgumentException("seq " + toSeq + " is before durable seq " + durableSeq);
        List<AcceptedBatch> undone = new ArrayList<>();
        while (!notDurable.isEmpty() && notDurable.peekLast().seq() > toSeq) {
            Undo u = notDurable.removeLast();
            items.undo(u.replaced());
            u.keys().forEach(recentBatchSeqs::remove);
            Logged last = recent.peekLast();
            if (last != null && last.seq() == u.seq()) {
                recent.removeLast();
                recentOps -= last.size();
                undone.addFirst(last.accepted());
            }
        }
        if (toSeq < seq) seq = toSeq;
        // NoChange keys acknowledged at toSeq itself stay: that seq is kept.
        return undone;
    }

    /** Re-applies a batch read back from the journal during recovery; older seqs are skipped. */
    public void replay(AcceptedBatch batch) {
        if (batch.seq() <= seq) return;
        items.applyAll(batch.ops());
        // Only the ops that won were stored: their oldest stamp is no older than the batch's.
        record(batch, oldestMs(batch.ops()));
        durableSeq = seq;
    }

    private void record(AcceptedBatch accepted, long oldestMs) {
        seq = accepted.seq();
        recentBatchSeqs.put(key(accepted.replica(), accepted.batch()), new Seen(accepted.seq(), oldestMs == Long.MAX_VALUE ? -1 : oldestMs));
        recent.addLast(Logged.of(accepted));
        recentOps += accepted.ops().size();
        int keep = Math.min(RECENT_OPS, Math.max(RECENT_OPS_FLOOR, items.registers() / 2));
        while (recentOps > keep && recent.size() > 1) {
            recentOps -= recent.removeFirst().size();
        }
    }

    /**
     * The ops of every batch after {@code since}, in seq order, if this board still remembers them
     * all; empty when the caller needs a full snapshot instead.
     */
    public Optional<List<Op>> opsSince(long since) {
        if (since <= resyncFloor && resyncFloor > 0) return Optional.empty();
        if (since == seq) return Optional.of(List.of());
        if (since > seq || since < 0) return Optional.empty();
        Logged oldest = recent.peekFirst();
        if (oldest == null || oldest.seq() > since + 1) return Optional.empty();
        List<Op> out = new ArrayList<>();
        for (Logged b : recent) {
            if (b.seq() > since) b.addTo(out);
        }
        return Optional.of(out);
    }

    public BoardSnapshot snapshot() {
        List<BoardSnapshot.BatchKey> keys = new ArrayList<>(recentBatchSeqs.size());
        recentBatchSeqs.forEach((k, s) -> {
            int cut = k.indexOf('\n');
            keys.add(new BoardSnapshot.BatchKey(k.substring(0, cut), k.substring(cut + 1), s.seq(), s.ms()));
        });
        return new BoardSnapshot(id, template, seq, items.toOps(), keys, prunedBefore, resyncFloor);
    }

    public static BoardState restore(BoardSnapshot snapshot) {
        BoardState state = new BoardState(snapshot.id(), snapshot.template());
        snapshot.ops().forEach(state.items::apply);
        snapshot.recentBatches().forEach(k -> state.recentBatchSeqs.put(key(k.replica(), k.batch()), new Seen(k.seq(), k.ms())));
        state.seq = snapshot.seq();
        state.prunedBefore = snapshot.prunedBefore();
        state.resyncFloor = snapshot.resyncFloor();
        return state;
    }

    /** What {@link #prune} dropped. */
    public record Pruned(int keys, int items) {
    }

    /**
     * Forgets what no replica can still need (rules GC-2, GC-3): dedup keys of batches whose oldest
     * op is older than {@code cutoffMs}, and deleted items whose every register is. From then on
     * a batch with an op older than the cutoff is {@link Stale}. When items go, every {@code since}
     * up to now gets a full snapshot (a client's view may still hold them) and the recent batches
     * are dropped with it. Call only when every batch applied is durable (it cannot be rolled
     * back past a prune), e.g. right after loading the board.
     */
    public Pruned prune(long cutoffMs) {
        if (!notDurable.isEmpty()) throw new IllegalStateException("prune only a board whose every batch is durable");
        if (cutoffMs <= prunedBefore) return new Pruned(0, 0);
        prunedBefore = cutoffMs;
        int keys = 0;
        for (Iterator<Seen> it = recentBatchSeqs.values().iterator(); it.hasNext(); ) {
            Seen s = it.next();
            if (s.ms() >= 0 && s.ms() < cutoffMs) {
                it.remove();
                keys++;
            }
        }
        int gone = items.pruneDeleted(cutoffMs);
        if (gone > 0) {
            resyncFloor = seq;
            recent.clear();
            recentOps = 0;
        }
        return new Pruned(keys, gone);
    }

    /** Ops older than this (epoch ms) may have been pruned (0 = nothing pruned yet). */
    public long prunedBefore() {
        return prunedBefore;
    }

    /** The oldest stamp's ms among {@code ops}; {@link Long#MAX_VALUE} for none. */
    private static long oldestMs(List<Op> ops) {
        long oldest = Long.MAX_VALUE;
        for (Op op : ops) oldest = Math.min(oldest, op.stamp().ms());
        return oldest;
    }

    // Replica ids cannot contain a newline (rule HE-2), so it separates the two parts unambiguously.
    private static String key(String replica, String batchId) {
        return replica + '\n' + batchId;
    }

    public String id() {
        return id;
    }

    public String template() {
        return template;
    }

    public long seq() {
        return seq;
    }

    /** The live state; callers on the board's thread may read it, never keep it. */
    public Items items() {
        return items;
    }
}
