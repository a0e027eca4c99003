package be.samenbord.cluster;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.store.BatchClashException;
import be.samenbord.store.BatchLog;
import be.samenbord.store.FailedSeqs;
import be.samenbord.store.Records;
import be.samenbord.store.SharedStore;
import be.samenbord.store.StoreUnavailableException;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cluster's {@link BatchLog} (DESIGN "Durability"): an accepted batch is durable once it is in
 * its board's {@link Tail} on the partition owner and its synchronous backup, so losing one node
 * loses no acknowledged batch. Behind that, each batch is written to the shared store and trimmed
 * from the tail once committed, so a restart of the whole cluster finds everything there.
 *
 * <p>A board has at most one append in flight; the batches that arrive meanwhile go together in
 * the next one (one Hazelcast operation and backup for all of them), so under load the tail
 * costs less per batch instead of falling behind. Trimming rides on the board's next append ({@link TailProcessors.Append#trimUpTo}); a board
 * that stops getting batches is trimmed by {@link #trimIdle}, every second. A batch the store has
 * may so stay in the tail a little longer, which is harmless: a new owner skips what the store
 * already holds, and writing it again is a no-op.
 *
 * <p>When the store cannot take a batch (PostgreSQL down), the batch stays in the tail and is
 * written again, in seq order, once the store is healthy ({@link #retryUnpersisted}, every
 * second). Meanwhile acks go on from the tails, but only up to a bound (rule CU-11): with
 * {@code backlogBound} batches of this node not in the store yet, new appends are refused with
 * {@link StoreUnavailableException} (clients get {@code unavailable} and resend later) instead of
 * the cluster's memory growing without limit.
 */
final class BoardTails implements BatchLog {

    private static final Logger LOG = Logger.getLogger(BoardTails.class.getName());
    static final String MAP = "samenbord.tails";
    /** Batches in one append at most. */
    static final int MAX_GROUP = 64;

    private final IMap<String, Tail> tails;
    private final SharedStore store;
    /** Per board with an append in flight: the batches waiting for the next one. Changed only in compute calls. */
    private final Map<String, List<Pending>> waiting = new ConcurrentHashMap<>();
    /** Per board with batches the store has but the tail may still hold: what to trim, what was asked. */
    private final Map<String, Trim> trims = new ConcurrentHashMap<>();

    /**
     * {@code stored}: the highest seq the shared store committed; {@code asked}: the highest a trim
     * was sent for; {@code appended}: an append went out since the last {@link #trimIdle}. Changed
     * only inside the map's compute calls (one board at a time); volatile for the plain reads.
     */
    private static final class Trim {
        volatile long stored;
        volatile long asked;
        volatile boolean appended;
    }

    /** Entry-processor calls that appended (tests check that batches were grouped). */
    private final AtomicLong appendCalls = new AtomicLong();

    /** A batch to append, its tail record, and its caller's future. */
    private record Pending(AcceptedBatch batch, String record, CompletableFuture<Void> done) {
    }

    private final int backlogBound;
    /** Batches appended here whose store write has not committed (in flight or waiting for a retry). */
    private final AtomicLong unpersisted = new AtomicLong();
    /** Per board, batches the store refused while it was failing, to write again in seq order. */
    private final Map<String, java.util.TreeMap<Long, AcceptedBatch>> toRetry = new ConcurrentHashMap<>();
    /** A board's seqs after a refused one are refused too, so the tail's fence never sees a gap. */
    private final FailedSeqs refused = new FailedSeqs();

    BoardTails(HazelcastInstance hz, SharedStore store, int backlogBound) {
        this.tails = hz.getMap(MAP);
        this.store = store;
        this.backlogBound = backlogBound;
    }

    long unpersisted() {
        return unpersisted.get();
    }

    /**
     * Appends behind the board's earlier appends (the caller gives seqs in order); completes once
     * the tail and its backup hold the batch; fails if another node gave out this seq (the fence).
     */
    @Override
    public CompletableFuture<Void> append(String boardId, AcceptedBatch batch) {
        if (refused.refuses(boardId, batch.seq())) {
            return CompletableFuture.failedFuture(new StoreUnavailableException("board " + boardId + ": an earlier seq than "
                    + batch.seq() + " was refused; this one waits until the board resends from there", null));
        }
        long backlog = unpersisted.get();
        if (backlog >= backlogBound) {
            refused.failed(boardId, batch.seq());
            return CompletableFuture.failedFuture(new StoreUnavailableException(backlog + " batches of this node are not in"
                    + " the shared store yet (SAMENBORD_CLUSTER_BACKLOG=" + backlogBound + "); resend later", null));
        }
        Pending p = new Pending(batch, Records.batch(boardId, batch), new CompletableFuture<>());
        boolean[] start = {false};
        waiting.compute(boardId, (k, queue) -> {
            if (queue != null) {
                queue.add(p); // an append is in flight: this one goes with the next
                return queue;
            }
            start[0] = true;
            return new ArrayList<>();
        });
        if (start[0]) send(boardId, List.of(p));
        return p.done();
    }

    /** One entry-processor call for {@code group} (consecutive seqs); then the batches that waited meanwhile. */
    private void send(String boardId, List<Pending> group) {
        long trimUpTo = storedSeq(boardId);
        List<String> records = new ArrayList<>(group.size());
        group.forEach(p -> records.add(p.record()));
        long first = group.getFirst().batch().seq();
        appendCalls.incrementAndGet();
        tails.submitToKey(boardId, new TailProcessors.Append(first, records, trimUpTo)).whenComplete((ok, err) -> {
            boolean appended = err == null && ok;
            // Taken before any caller hears back, so an append made in answer is not mistaken for one behind.
            List<Pending> next = appended ? takeWaiting(boardId) : takeAll(boardId);
            if (appended) {
                trims.computeIfPresent(boardId, (k, t) -> {
                    t.asked = Math.max(t.asked, trimUpTo);
                    t.appended = true;
                    return t;
                });
            }
            for (Pending p : group) {
                if (err != null) {
                    p.done().completeExceptionally(err);
                } else if (!ok) {
                    p.done().completeExceptionally(new IllegalStateException(
                            "board " + boardId + ": seq " + p.batch().seq() + " was given out by another node"));
                } else {
                    persist(boardId, p.batch());
                    p.done().complete(null);
                }
            }
            if (appended) {
                if (!next.isEmpty()) send(boardId, next);
                return;
            }
            // As when each append chained on the one before: those behind a failed one fail with it.
            Throwable cause = err != null ? err : new IllegalStateException("board " + boardId + ": an earlier seq was refused");
            next.forEach(p -> p.done().completeExceptionally(cause));
        });
    }

    /**
     * The batches that waited for the append in flight, at most {@link #MAX_GROUP} (one operation
     * stays a modest message); none means the board has no append in flight any more.
     */
    private List<Pending> takeWaiting(String boardId) {
        List<List<Pending>> taken = new ArrayList<>(1);
        waiting.compute(boardId, (k, queue) -> {
            if (queue == null || queue.isEmpty()) return null;
            if (queue.size() <= MAX_GROUP) {
                taken.add(queue);
                return new ArrayList<>();
            }
            List<Pending> head = queue.subList(0, MAX_GROUP);
            taken.add(new ArrayList<>(head));
            head.clear();
            return queue;
        });
        return taken.isEmpty() ? List.of() : taken.getFirst();
    }

    long appendCalls() {
        return appendCalls.get();
    }

    /** Every batch waiting, and the board has no append in flight any more. */
    private List<Pending> takeAll(String boardId) {
        List<Pending> all = waiting.remove(boardId);
        return all == null ? List.of() : all;
    }

    /** Writes a batch the tail holds to the shared store; the tail may then drop it (see the class comment). */
    void persist(String boardId, AcceptedBatch batch) {
        unpersisted.incrementAndGet();
        write(boardId, batch);
    }

    private void write(String boardId, AcceptedBatch batch) {
        store.append(boardId, batch).whenComplete((v, e) -> {
            if (e != null && StoreUnavailableException.in(e)) {
                // Still in the tail (never trimmed before the store has it): written again once the store heals.
                toRetry.compute(boardId, (k, m) -> {
                    java.util.TreeMap<Long, AcceptedBatch> out = m != null ? m : new java.util.TreeMap<>();
                    out.put(batch.seq(), batch);
                    return out;
                });
                LOG.log(Level.FINE, "board " + boardId + ": seq " + batch.seq() + " waits in the tail for the shared store", e);
                return;
            }
            unpersisted.decrementAndGet();
            if (e != null) {
                // A clash (rule DU-8) or a record the store cannot take: retrying would not help.
                LOG.log(Level.SEVERE, "board " + boardId + ": seq " + batch.seq() + " is only in the cluster's memory; the"
                        + " shared store did not take it" + (e instanceof BatchClashException || e.getCause() instanceof BatchClashException
                        ? " (another batch holds that seq there)" : ""), e);
                return;
            }
            trims.compute(boardId, (k, t) -> {
                Trim next = t != null ? t : new Trim();
                next.stored = Math.max(next.stored, batch.seq());
                return next;
            });
        });
    }

    /**
     * Writes again, per board in seq order, what the store refused while it was failing; a no-op
     * while it still fails. Called every second.
     */
    void retryUnpersisted() {
        if (toRetry.isEmpty() || !store.status().healthy()) return;
        for (String board : toRetry.keySet()) {
            java.util.TreeMap<Long, AcceptedBatch> batches = toRetry.remove(board);
            if (batches == null) continue;
            LOG.info("board " + board + ": writing " + batches.size() + " batches from seq " + batches.firstKey()
                    + " to the shared store again");
            batches.values().forEach(b -> write(board, b));
        }
    }

    private long storedSeq(String boardId) {
        Trim t = trims.get(boardId);
        return t == null ? 0 : t.stored;
    }

    /**
     * Trims the tails of boards that got no append since the last call and hold batches the
     * store has, and forgets boards with nothing left to trim. Called every second, so a board
     * that went quiet keeps at most about two seconds of stored batches in the cluster's memory.
     */
    void trimIdle() {
        for (String board : trims.keySet()) {
            long[] upTo = {0};
            trims.computeIfPresent(board, (k, t) -> {
                if (t.appended) {
                    t.appended = false; // its next append trims it
                    return t;
                }
                if (t.stored <= t.asked) return null;
                upTo[0] = t.stored;
                t.asked = t.stored;
                return t;
            });
            if (upTo[0] == 0) continue;
            tails.submitToKey(board, new TailProcessors.Trim(upTo[0])).toCompletableFuture().whenComplete((v, e) -> {
                if (e != null) LOG.log(Level.WARNING, "board " + board + ": trimming the tail to seq " + upTo[0] + " failed", e);
            });
        }
    }

    /** The board's tail now, or null if the cluster has none (fresh start). */
    CompletableFuture<Tail> read(String boardId) {
        return tails.getAsync(boardId).toCompletableFuture();
    }

    /** Creates the tail at the store's seq unless one exists; returns the tail. */
    CompletableFuture<Tail> init(String boardId, long storedSeq) {
        return tails.submitToKey(boardId, new TailProcessors.Init(storedSeq)).toCompletableFuture();
    }

    /**
     * Writes out the pending batches of tails held on this member whose board is not served here
     * (their owner died before it could): otherwise a later restart of the whole cluster would
     * lose them. Blocking; run it on a worker.
     */
    void persistOrphans(java.util.function.Predicate<String> servedHere) {
        for (String board : tails.localKeySet()) {
            if (servedHere.test(board)) continue;
            Tail tail = tails.get(board);
            if (tail == null) continue;
            for (int i = 0; i < tail.pending().size(); i++) persist(board, Records.readBatch(tail.pending().get(i)));
        }
    }
}
