package be.samenbord.store;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.workshop.Workshop;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The embedded store: an append-only journal in a local directory plus periodic snapshots
 * (DESIGN "Durability"). Callers encode their record on their own thread and queue it; one writer
 * thread, {@code samenbord-journal}, writes everything queued, syncs once and then completes those
 * futures in queue order (group commit, rule DU-1). Futures therefore complete on that thread:
 * hop back to your own context and never block in a callback. Snapshot files are written on a
 * second thread, {@code samenbord-snapshot}, so appends keep flowing meanwhile.
 *
 * <p>A failed write (disk full, I/O error) fails loudly and heals (rule DU-5): the group it was
 * in and everything queued behind it fail with {@link StoreUnavailableException}, the store turns
 * "failing" and refuses every write at once, and the writer probes the disk with backoff. A probe
 * cuts the segment back to its last synced byte (so no partial or unsynced record of a failed
 * group stays in it) and checks there is room again; then writes resume, without a restart.
 *
 * <p>The queue is bounded ({@code queueBytes} of queued records): past it a write is refused at
 * once with {@link StoreUnavailableException} (clients get {@code unavailable}, rule ER-3) instead
 * of the queue growing without bound; the store stays healthy.
 *
 * <p>A start reads no board ({@link JournalRecovery}); {@link #loadBoard} reads one board's
 * snapshot file and its records ({@link BoardReader}); a snapshot writes only the boards
 * {@link JournalCompaction} wants, each to its own file.
 */
public final class JournalStore implements Store {

    private static final Logger LOG = Logger.getLogger(JournalStore.class.getName());

    private final DataDir dir;
    private final LinkedBlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
    /** Bytes of the records queued or being written (rule DU-9: bounded by {@code Options.queueBytes}). */
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong bytesSinceSnapshot = new AtomicLong();
    private final SnapshotWriter snapshots;
    private final Options options;
    private final StoreHealth health;
    private final Backoff backoff;
    private final FailedSeqs failedSeqs = new FailedSeqs();
    /** Write failures so far (any kind): a snapshot is written only if none happened since its capture began. */
    private final AtomicLong failures = new AtomicLong();

    // Guarded by lock: checked together with the enqueue so nothing lands behind a Close.
    private final Object lock = new Object();
    private Thread writer;
    private boolean closed;
    private boolean writerGone;

    // Set once by the writer thread (or under lock when it dies); later entries fail with it.
    private volatile Throwable failure;
    // Writer thread only (set before it starts).
    private JournalSegment segment;
    // Set by recover(), before any write.
    private volatile JournalCompaction compaction;
    private volatile BoardReader reader;

    /**
     * How the store keeps and reads its files. {@code snapshotsKept}: snapshot generations kept
     * (with the journal segments after the oldest), so a corrupt newest one falls back to an
     * older one without loss; {@code salvage}: start even when data cannot be read (rule DU-7);
     * {@code clock}: epoch ms for the failing state's "since"; {@code retryFirstMs}..{@code retryMaxMs}:
     * the probe backoff while failing; {@code testDiskLimitBytes}: a test hook, writes fail as on a
     * full disk once the directory would hold more (0 = off; for machines where a test cannot mount
     * a small filesystem); {@code queueBytes}: records that may wait to be written, past which writes
     * are refused as unavailable (rule DU-9).
     */
    public record Options(int snapshotsKept, boolean salvage, LongSupplier clock, long retryFirstMs, long retryMaxMs,
                          long testDiskLimitBytes, long queueBytes) {
        public static final long DEFAULT_QUEUE_BYTES = 64L << 20;

        public Options {
            if (snapshotsKept < 1) throw new IllegalArgumentException("snapshotsKept must be at least 1");
            if (queueBytes < 1) throw new IllegalArgumentException("queueBytes must be at least 1");
            Objects.requireNonNull(clock, "clock");
        }

        public Options(int snapshotsKept, boolean salvage, LongSupplier clock, long retryFirstMs, long retryMaxMs,
                       long testDiskLimitBytes) {
            this(snapshotsKept, salvage, clock, retryFirstMs, retryMaxMs, testDiskLimitBytes, DEFAULT_QUEUE_BYTES);
        }

        public static Options defaults() {
            return new Options(2, false, System::currentTimeMillis, Backoff.FIRST_MS, Backoff.MAX_MS, 0);
        }
    }

    public JournalStore(Path dataDir) {
        this(dataDir, Options.defaults());
    }

    public JournalStore(Path dataDir, Options options) {
        this.dir = new DataDir(Objects.requireNonNull(dataDir, "dataDir"), options.testDiskLimitBytes());
        this.options = Objects.requireNonNull(options, "options");
        this.snapshots = new SnapshotWriter(dir, options.snapshotsKept());
        this.health = new StoreHealth("the journal in " + dataDir, options.clock());
        this.backoff = new Backoff(options.retryFirstMs(), options.retryMaxMs());
    }

    @Override
    public StoreStatus status() {
        return health.status().withBacklog(queue.size());
    }

    private sealed interface Entry {
        CompletableFuture<Void> future();
    }

    /**
     * A framed record, or the reason it could not be framed (failed in its turn, store unharmed);
     * {@code board} and {@code seq} for a batch (null board for a workshop).
     */
    private record Write(String board, long seq, ByteBuffer frame, Exception rejected, CompletableFuture<Void> future)
            implements Entry {
        long bytes() {
            return frame == null ? 0 : frame.limit();
        }
    }

    private record Barrier(CompletableFuture<Void> future) implements Entry {
    }

    private record Snapshot(Function<Set<String>, CompletableFuture<SnapshotContent>> capture,
                            CompletableFuture<Void> future) implements Entry {
    }

    private record Close(CompletableFuture<Void> future) implements Entry {
    }

    /** Reads the directory back, then starts writing to a fresh segment (never after a cut). */
    @Override
    public Recovery recover() throws IOException {
        synchronized (lock) {
            if (writer != null || closed) throw new IllegalStateException("recover() runs once, before any write");
            JournalRecovery.Result result = JournalRecovery.recover(dir, options.salvage());
            compaction = new JournalCompaction(dir, options.snapshotsKept(), result.files(), result.index(), result.marks());
            reader = new BoardReader(compaction, dir, options.salvage());
            snapshots.recovered(result.snapshotNumber(), compaction);
            segment = JournalSegment.create(dir, result.nextNumber());
            writer = new Thread(this::runWriter, "samenbord-journal");
            writer.setDaemon(true);
            writer.start();
            return result.recovery();
        }
    }

    @Override
    public CompletableFuture<Void> append(String boardId, AcceptedBatch batch) {
        return enqueue(frame(boardId, batch.seq(), () -> JournalRecords.encodeBatch(Objects.requireNonNull(boardId, "boardId"), batch),
                payload -> JournalRecords.checkBatch(boardId, batch, payload)));
    }

    @Override
    public CompletableFuture<BoardLoad> loadBoard(String boardId) {
        Objects.requireNonNull(boardId, "boardId");
        BoardReader r;
        synchronized (lock) {
            if (closed) return CompletableFuture.failedFuture(new IllegalStateException("journal store is closed"));
            r = reader;
        }
        if (r == null) return CompletableFuture.failedFuture(new IllegalStateException("call recover() before loading"));
        return r.load(boardId);
    }

    /** The newest of the board's files and journal records (both indexed at recovery and on every write). */
    @Override
    public java.util.OptionalLong storedSeq(String boardId) {
        JournalCompaction c = compaction;
        if (c == null) return java.util.OptionalLong.empty();
        return java.util.OptionalLong.of(Math.max(0, Math.max(c.files().newestSeq(boardId), c.index().newestSeq(boardId))));
    }

    @Override
    public CompletableFuture<Void> saveWorkshop(Workshop workshop) {
        return enqueue(frame(null, 0, () -> JournalRecords.encodeWorkshop(workshop), JournalRecords::decode));
    }

    private interface Encoder {
        byte[] encode() throws IOException;
    }

    /** Throws what reading the payload back would throw (a batch is checked without being rebuilt). */
    private interface ReadBack {
        void check(byte[] payload) throws JournalRecords.MalformedException;
    }

    /**
     * Encodes on the caller's thread and reads the payload back: recovery stops at the first
     * record it cannot read, so one bad record (a null id, broken raw JSON in an op) would hide
     * every later one. A rejected record fails in its turn; the store carries on.
     */
    private static Write frame(String board, long seq, Encoder encoder, ReadBack readBack) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        try {
            byte[] payload = encoder.encode();
            ByteBuffer frame = RecordFramer.frame(payload);
            readBack.check(payload);
            return new Write(board, seq, frame, null, future);
        } catch (JournalRecords.MalformedException e) {
            return new Write(board, seq, null, new IllegalArgumentException("record would not read back: " + e.getMessage()), future);
        } catch (IOException | RuntimeException e) {
            return new Write(board, seq, null, e, future);
        }
    }

    @Override
    public CompletableFuture<Void> flushed() {
        return enqueue(new Barrier(new CompletableFuture<>()));
    }

    /**
     * Rotates to a new segment on the writer thread, then calls {@code capture} there (it must not
     * block: return a future and complete it from the thread that owns the state). Unlike the
     * other futures this one completes when the snapshot file is durable, which may be after
     * later appends. Overlapping snapshots are fine; an older one finishing last is skipped.
     */
    @Override
    public CompletableFuture<Void> snapshot(Function<Set<String>, CompletableFuture<SnapshotContent>> capture) {
        return enqueue(new Snapshot(Objects.requireNonNull(capture, "capture"), new CompletableFuture<>()));
    }

    @Override
    public long journalBytesSinceSnapshot() {
        return bytesSinceSnapshot.get();
    }

    /**
     * Queue order is call order; refusals complete at once since nothing after them can succeed.
     * While failing, every write (and barrier, snapshot) is refused at once; so is a board's batch
     * behind one of its seqs that failed (no gaps, rule DU-5).
     */
    private CompletableFuture<Void> enqueue(Entry e) {
        synchronized (lock) {
            if (closed) {
                e.future().completeExceptionally(new IllegalStateException("journal store is closed"));
            } else if (writer == null) {
                e.future().completeExceptionally(new IllegalStateException("call recover() before writing"));
            } else if (writerGone) {
                e.future().completeExceptionally(new IOException("journal writer has stopped", failure));
            } else if (health.failing() && !(e instanceof Close)) {
                e.future().completeExceptionally(health.unavailable(null));
            } else if (e instanceof Write w && w.board() != null && failedSeqs.refuses(w.board(), w.seq())) {
                e.future().completeExceptionally(new StoreUnavailableException("board " + w.board() + ": an earlier seq than "
                        + w.seq() + " failed to store; this one waits until the board resends from there", null));
            } else if (e instanceof Write w && w.bytes() > 0 && queuedBytes.get() > 0
                    && queuedBytes.get() + w.bytes() > options.queueBytes()) {
                // Bounded (rule DU-9): refused now rather than held; later seqs of the board wait for it (no gaps).
                if (w.board() != null) failedSeqs.failed(w.board(), w.seq());
                e.future().completeExceptionally(new StoreUnavailableException("the journal's write queue is full ("
                        + queuedBytes.get() + " bytes waiting, SAMENBORD_STORE_QUEUE_BYTES=" + options.queueBytes() + "); try again later", null));
            } else {
                if (e instanceof Write w && w.bytes() > 0) {
                    long bytes = w.bytes();
                    queuedBytes.addAndGet(bytes);
                    // Counted until written (or failed): the group being written is bounded too.
                    w.future().whenComplete((ok, err) -> queuedBytes.addAndGet(-bytes));
                }
                queue.add(e);
            }
        }
        return e.future();
    }

    /** Completes what is queued, then stops the writer. Running snapshot writes may finish. */
    @Override
    public void close() throws IOException {
        Thread w;
        CompletableFuture<Void> done = new CompletableFuture<>();
        synchronized (lock) {
            if (closed) return;
            if (Thread.currentThread() == writer) {
                throw new IllegalStateException("close() from a store callback would deadlock");
            }
            closed = true;
            w = writer;
            if (w == null || writerGone) done.complete(null);
            else queue.add(new Close(done));
        }
        try {
            if (w != null) w.join();
            snapshots.close();
            if (reader != null) reader.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while closing the journal");
        }
        if (done.isCompletedExceptionally()) {
            Throwable cause = done.exceptionNow();
            if (cause instanceof IOException io) throw io;
            throw new IOException("closing the journal failed", cause);
        }
    }

    private void runWriter() {
        List<Entry> group = new ArrayList<>();
        List<Entry> pending = new ArrayList<>();
        try {
            while (true) {
                if (health.failing()) {
                    // Only a Close gets in while failing; otherwise probe when the backoff is over.
                    Entry e = queue.poll(backoff.next(), TimeUnit.MILLISECONDS);
                    if (e == null) {
                        probe();
                        continue;
                    }
                    group.add(e);
                } else {
                    group.add(queue.take());
                }
                queue.drainTo(group);
                for (Entry e : group) {
                    if (health.failing() && !(e instanceof Close)) {
                        e.future().completeExceptionally(health.unavailable(null));
                        continue;
                    }
                    switch (e) {
                        case Write write -> pending.add(write);
                        case Barrier barrier -> pending.add(barrier);
                        case Snapshot s -> {
                            commit(pending);
                            if (!health.failing()) startSnapshot(s);
                            else s.future().completeExceptionally(health.unavailable(null));
                        }
                        case Close c -> {
                            commit(pending);
                            closeSegment(c.future());
                            return;
                        }
                    }
                }
                group.clear();
                commit(pending);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            die(new IllegalStateException("journal writer interrupted", e), group, pending);
        } catch (RuntimeException | Error e) {
            die(e, group, pending);
            throw e;
        }
    }

    /**
     * Writes and syncs the pending records, then completes every pending future in order. A failed
     * write or sync fails the group and everything queued behind it, and turns the store failing.
     */
    private void commit(List<Entry> pending) {
        if (pending.isEmpty()) return;
        List<ByteBuffer> frames = new ArrayList<>(pending.size());
        for (Entry e : pending) {
            if (e instanceof Write w && w.frame() != null) frames.add(w.frame());
        }
        StoreUnavailableException failed = null;
        try {
            if (!frames.isEmpty()) {
                long start = segment.end();
                long written = segment.write(frames);
                segment.force();
                bytesSinceSnapshot.addAndGet(written);
                indexWritten(pending, start);
            }
        } catch (IOException e) {
            failed = failing(e, pending);
        }
        for (Entry e : pending) {
            if (failed != null) {
                e.future().completeExceptionally(failed);
            } else if (e instanceof Write w && w.rejected() != null) {
                failures.incrementAndGet();
                if (w.board() != null) failedSeqs.failed(w.board(), w.seq());
                e.future().completeExceptionally(w.rejected());
            } else {
                e.future().complete(null);
            }
        }
        pending.clear();
    }

    /** Records where each batch of a synced group went, before its future completes: a load after the ack finds it. */
    private void indexWritten(List<Entry> pending, long start) {
        long offset = start;
        for (Entry e : pending) {
            if (!(e instanceof Write w) || w.frame() == null) continue;
            if (w.board() != null) compaction.index().add(w.board(), segment.number(), offset, w.seq());
            offset += w.bytes();
        }
    }

    /**
     * Enters the failing state: nothing queued now can be written after the failed group (it might
     * land after a seq that failed), so it fails too. Returns what the failed group fails with.
     */
    private StoreUnavailableException failing(IOException cause, List<Entry> pending) {
        List<Entry> queued = new ArrayList<>();
        StoreUnavailableException failed;
        synchronized (lock) {
            failures.incrementAndGet();
            failed = health.fail(cause);
            queue.drainTo(queued);
        }
        backoff.reset();
        List<Entry> refused = new ArrayList<>(pending);
        for (Entry e : queued) {
            if (e instanceof Close) queue.add(e); // still closes, after the probe loop takes it
            else refused.add(e);
        }
        for (Entry e : refused) {
            if (e instanceof Write w && w.board() != null) failedSeqs.failed(w.board(), w.seq());
        }
        for (Entry e : queued) {
            if (!(e instanceof Close)) e.future().completeExceptionally(failed);
        }
        return failed;
    }

    /**
     * While failing: cuts the segment back to its last synced byte and checks the disk takes
     * data again; on success the store writes again.
     */
    private void probe() {
        try {
            segment.restoreAndProbe();
        } catch (IOException e) {
            LOG.log(Level.FINE, "journal still cannot write", e);
            return;
        }
        backoff.reset();
        health.healed();
    }

    private void startSnapshot(Snapshot s) {
        long failuresBefore = failures.get();
        JournalSegment previous = segment;
        try {
            segment = JournalSegment.create(dir, previous.number() + 1);
        } catch (IOException e) {
            // The old segment is still fine to write to; only this snapshot is lost.
            LOG.log(Level.WARNING, "could not open a new journal segment for a snapshot", e);
            s.future().completeExceptionally(e);
            return;
        }
        closeRotated(previous);
        bytesSinceSnapshot.set(0);
        long number = segment.number();
        CompletableFuture<SnapshotContent> captured;
        try {
            Set<String> wanted = compaction.wanted(number);
            captured = Objects.requireNonNull(s.capture().apply(wanted), "snapshot capture returned null");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "snapshot capture failed", e);
            s.future().completeExceptionally(e);
            return;
        }
        // The capture may hold batches queued after this point; write it only once they are all durable.
        snapshots.writeWhenCaptured(number, captured.thenCompose(content -> flushed().thenApply(v -> {
            if (failures.get() != failuresBefore) {
                throw new java.util.concurrent.CompletionException(new StoreUnavailableException(
                        "a write failed while the snapshot was captured; it may hold a batch that was not stored", null));
            }
            return content;
        })), s.future());
    }

    private void closeSegment(CompletableFuture<Void> done) {
        try {
            segment.close();
            done.complete(null);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing the journal segment failed", e);
            done.completeExceptionally(e);
        }
    }

    private static void closeRotated(JournalSegment old) {
        try {
            old.close();
        } catch (IOException e) {
            // Its data was synced before the rotation, so a failing close loses nothing.
            LOG.log(Level.WARNING, "closing journal segment " + old.number() + " failed", e);
        }
    }

    /** The writer cannot go on: fail everything it holds or will be handed. */
    private void die(Throwable cause, List<Entry> group, List<Entry> pending) {
        LOG.log(Level.SEVERE, "journal writer stopped; the store now fails every write", cause);
        List<Entry> left = new ArrayList<>(pending);
        left.addAll(group);
        synchronized (lock) {
            if (failure == null) failure = cause;
            writerGone = true;
            queue.drainTo(left);
        }
        for (Entry e : left) e.future().completeExceptionally(cause);
    }
}
