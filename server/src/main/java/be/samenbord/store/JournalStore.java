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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The embedded store: an append-only journal in a local directory plus periodic snapshots
 * (DESIGN "Durability"). Callers encode their record on their own thread and queue it; one writer
 * thread, {@code samenbord-journal}, writes everything queued, syncs once and then completes those
 * futures in queue order (group commit, rule DU-1). Futures therefore complete on that thread:
 * hop back to your own context and never block in a callback. Snapshot files are written on a
 * second thread, {@code samenbord-snapshot}, so appends keep flowing meanwhile.
 */
public final class JournalStore implements Store {

    private static final Logger LOG = Logger.getLogger(JournalStore.class.getName());

    private final DataDir dir;
    private final LinkedBlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
    private final AtomicLong bytesSinceSnapshot = new AtomicLong();
    private final SnapshotWriter snapshots;

    // Guarded by lock: checked together with the enqueue so nothing lands behind a Close.
    private final Object lock = new Object();
    private Thread writer;
    private boolean closed;
    private boolean writerGone;

    // Set once by the writer thread (or under lock when it dies); later entries fail with it.
    private volatile Throwable failure;
    // Writer thread only (set before it starts).
    private JournalSegment segment;

    public JournalStore(Path dataDir) {
        this.dir = new DataDir(Objects.requireNonNull(dataDir, "dataDir"));
        this.snapshots = new SnapshotWriter(dir);
    }

    private sealed interface Entry {
        CompletableFuture<Void> future();
    }

    /** A framed record, or the reason it could not be framed (failed in its turn, store unharmed). */
    private record Write(ByteBuffer frame, Exception rejected, CompletableFuture<Void> future) implements Entry {
    }

    private record Barrier(CompletableFuture<Void> future) implements Entry {
    }

    private record Snapshot(Supplier<CompletableFuture<SnapshotContent>> capture,
                            CompletableFuture<Void> future) implements Entry {
    }

    private record Close(CompletableFuture<Void> future) implements Entry {
    }

    /** Reads the directory back, then starts writing to a fresh segment (never after a cut). */
    @Override
    public Recovery recover() throws IOException {
        synchronized (lock) {
            if (writer != null || closed) throw new IllegalStateException("recover() runs once, before any write");
            JournalRecovery.Result result = JournalRecovery.recover(dir);
            snapshots.recovered(result.snapshotNumber());
            segment = JournalSegment.create(dir, result.nextNumber());
            writer = new Thread(this::runWriter, "samenbord-journal");
            writer.setDaemon(true);
            writer.start();
            return result.recovery();
        }
    }

    @Override
    public CompletableFuture<Void> append(String boardId, AcceptedBatch batch) {
        return enqueue(frame(() -> JournalRecords.encodeBatch(Objects.requireNonNull(boardId, "boardId"), batch)));
    }

    @Override
    public CompletableFuture<Void> saveWorkshop(Workshop workshop) {
        return enqueue(frame(() -> JournalRecords.encodeWorkshop(workshop)));
    }

    private interface Encoder {
        byte[] encode() throws IOException;
    }

    /**
     * Encodes on the caller's thread and reads the payload back: recovery stops at the first
     * record it cannot read, so one bad record (a null id, broken raw JSON in an op) would hide
     * every later one. A rejected record fails in its turn; the store carries on.
     */
    private static Write frame(Encoder encoder) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        try {
            byte[] payload = encoder.encode();
            ByteBuffer frame = RecordFramer.frame(payload);
            JournalRecords.decode(payload);
            return new Write(frame, null, future);
        } catch (JournalRecords.MalformedException e) {
            return new Write(null, new IllegalArgumentException("record would not read back: " + e.getMessage()), future);
        } catch (IOException | RuntimeException e) {
            return new Write(null, e, future);
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
    public CompletableFuture<Void> snapshot(Supplier<CompletableFuture<SnapshotContent>> capture) {
        return enqueue(new Snapshot(Objects.requireNonNull(capture, "capture"), new CompletableFuture<>()));
    }

    @Override
    public long journalBytesSinceSnapshot() {
        return bytesSinceSnapshot.get();
    }

    /** Queue order is call order; refusals complete at once since nothing after them can succeed. */
    private CompletableFuture<Void> enqueue(Entry e) {
        synchronized (lock) {
            if (closed) {
                e.future().completeExceptionally(new IllegalStateException("journal store is closed"));
            } else if (writer == null) {
                e.future().completeExceptionally(new IllegalStateException("call recover() before writing"));
            } else if (writerGone) {
                e.future().completeExceptionally(new IOException("journal writer has stopped", failure));
            } else {
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
                group.add(queue.take());
                queue.drainTo(group);
                for (Entry e : group) {
                    switch (e) {
                        case Write write -> pending.add(write);
                        case Barrier barrier -> pending.add(barrier);
                        case Snapshot s -> {
                            commit(pending);
                            startSnapshot(s);
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

    /** Writes and syncs the pending records, then completes every pending future in order. */
    private void commit(List<Entry> pending) {
        if (pending.isEmpty()) return;
        if (failure == null) {
            List<ByteBuffer> frames = new ArrayList<>(pending.size());
            for (Entry e : pending) {
                if (e instanceof Write w && w.frame() != null) frames.add(w.frame());
            }
            try {
                if (!frames.isEmpty()) {
                    long written = segment.write(frames);
                    segment.force();
                    bytesSinceSnapshot.addAndGet(written);
                }
            } catch (IOException e) {
                // Nothing after this point can be trusted to be durable: refuse all later writes.
                LOG.log(Level.SEVERE, "journal write failed; the store now fails every write", e);
                failure = e;
            }
        }
        Throwable failed = failure;
        for (Entry e : pending) {
            if (failed != null) e.future().completeExceptionally(failed);
            else if (e instanceof Write w && w.rejected() != null) e.future().completeExceptionally(w.rejected());
            else e.future().complete(null);
        }
        pending.clear();
    }

    private void startSnapshot(Snapshot s) {
        if (failure != null) {
            s.future().completeExceptionally(failure);
            return;
        }
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
            captured = Objects.requireNonNull(s.capture().get(), "snapshot capture returned null");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "snapshot capture failed", e);
            s.future().completeExceptionally(e);
            return;
        }
        snapshots.writeWhenCaptured(number, captured, s.future());
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
