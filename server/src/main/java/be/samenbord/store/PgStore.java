package be.samenbord.store;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.workshop.Workshop;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The store in PostgreSQL ({@code SAMENBORD_STORE=postgresql://user:pass@host:port/db}), tables
 * in {@link PgSchema}. Callers encode on their own thread and queue; the queue is written in
 * order on the store's own event-loop context through a small connection pool (which reconnects),
 * everything queued at once in one transaction (group commit). Futures complete on that context,
 * in call order, after the commit; hop back to your own context and never block in a callback.
 *
 * <p>A failed write fails loudly and heals (rule DU-5), like {@link JournalStore}: the group and
 * everything queued fail with {@link StoreUnavailableException}, every later call fails at once
 * while a probe ({@code SELECT 1}) runs with backoff, and writes resume once it succeeds. A batch
 * whose (board, seq) holds another batch fails alone with {@link BatchClashException} (rule DU-8).
 *
 * <p>The queue is bounded ({@code queueBytes} of queued rows): past it a write is refused at once
 * with {@link StoreUnavailableException} (rule DU-9). A start reads only the workshops; a board is
 * read when first used ({@link #loadBoard}). A snapshot asks only for the boards this node stored
 * a batch of since their last snapshot.
 */
public final class PgStore implements SharedStore {

    private static final Logger LOG = Logger.getLogger(PgStore.class.getName());
    private static final long START_TIMEOUT_MS = 120_000;
    private static final long CLOSE_TIMEOUT_MS = 30_000;
    // A half-open connection would otherwise hold every write until TCP gives up (many minutes).
    private static final long WRITE_TIMEOUT_MS = 30_000;
    private static final long SNAPSHOT_TIMEOUT_MS = 300_000;
    // Keeps one transaction (and the memory it encodes) bounded under a burst.
    private static final int MAX_GROUP = 4096;

    private static final long PROBE_TIMEOUT_MS = 5_000;
    // Writes run one group at a time; the second connection serves a probe or a reconnect meanwhile.
    private static final int POOL_SIZE = 2;

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final String where;
    private final boolean salvage;
    private final StoreHealth health;
    private final Backoff backoff;
    private final FailedSeqs failedSeqs = new FailedSeqs();
    /** Write failures so far: a snapshot is written only if none happened since its capture began. */
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong bytesSinceSnapshot = new AtomicLong();
    /** Bytes of the rows queued or being written (rule DU-9: bounded by {@link #queueBytes}). */
    private final AtomicLong queuedBytes = new AtomicLong();
    private final long queueBytes;
    /** Boards with a batch committed since their last snapshot here, and that batch's seq. */
    private final Map<String, Long> dirty = new ConcurrentHashMap<>();

    private final Object lock = new Object();
    // Guarded by lock.
    private final ArrayDeque<Entry> queue = new ArrayDeque<>();
    private Context context;
    private volatile Thread writerThread;
    private Pool pool;
    private boolean closed;
    private boolean draining;
    private CompletableFuture<Void> idle;

    private sealed interface Entry {
        CompletableFuture<?> future();
    }

    /** A batch row ({@code board} set) or workshop row, or why it could not be encoded (failed in its turn). */
    private record Write(String board, long seq, Tuple row, long bytes, Exception rejected, CompletableFuture<Void> future)
            implements Entry {
        boolean batch() {
            return board != null;
        }
    }

    private record Barrier(CompletableFuture<Void> future) implements Entry {}

    /** A read, run in queue order on the writer's connection (so after this node's earlier writes). */
    private record Read(java.util.function.Function<SqlConnection, Future<Object>> query, CompletableFuture<Object> future)
            implements Entry {}

    private record Mark(Function<Set<String>, CompletableFuture<SnapshotContent>> capture, CompletableFuture<Void> future)
            implements Entry {}

    private record SnapshotWrite(PgWrites.SnapshotRows rows, long failuresBefore, CompletableFuture<Void> future)
            implements Entry {}

    /** @param url {@code postgresql://user:pass@host:port/db}, as {@code SAMENBORD_STORE} gives it */
    public PgStore(Vertx vertx, String url) {
        this(vertx, url, false, System::currentTimeMillis, Backoff.FIRST_MS, Backoff.MAX_MS);
    }

    /**
     * @param salvage start even when a workshop row cannot be read (rule DU-7)
     * @param clock   epoch ms for the failing state's "since"
     */
    public PgStore(Vertx vertx, String url, boolean salvage, LongSupplier clock, long retryFirstMs, long retryMaxMs) {
        this(vertx, url, salvage, clock, retryFirstMs, retryMaxMs, JournalStore.Options.DEFAULT_QUEUE_BYTES);
    }

    /** @param queueBytes rows that may wait to be written, past which writes are refused as unavailable (rule DU-9) */
    public PgStore(Vertx vertx, String url, boolean salvage, LongSupplier clock, long retryFirstMs, long retryMaxMs,
                   long queueBytes) {
        if (queueBytes < 1) throw new IllegalArgumentException("queueBytes must be at least 1");
        this.queueBytes = queueBytes;
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.options = PgSupport.parse(url).addProperty("application_name", "samenbord");
        this.where = options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
        this.salvage = salvage;
        this.health = new StoreHealth("PostgreSQL at " + where, clock);
        this.backoff = new Backoff(retryFirstMs, retryMaxMs);
    }

    @Override
    public StoreStatus status() {
        synchronized (lock) {
            return health.status().withBacklog(queue.size());
        }
    }

    /** Connects, creates or migrates the schema and reads everything back. Blocks: not on an event loop. */
    @Override
    public Recovery recover() throws IOException {
        synchronized (lock) {
            if (context != null || closed) throw new IllegalStateException("recover() runs once, before any write");
            if (Context.isOnEventLoopThread()) throw new IllegalStateException("recover() blocks; call it off the event loop");
            context = ((VertxInternal) vertx).createEventLoopContext();
        }
        Promise<PgRecovery.Opened> started = Promise.promise();
        context.runOnContext(v -> {
            writerThread = Thread.currentThread();
            Pool p = PgBuilder.pool().with(new PoolOptions().setMaxSize(POOL_SIZE)).connectingTo(options).using(vertx).build();
            synchronized (lock) {
                pool = p;
            }
            PgRecovery.open(p).onComplete(started);
        });
        PgRecovery.Opened s;
        try {
            s = PgSupport.await(started.future(), START_TIMEOUT_MS, "open the PostgreSQL store at " + where);
        } catch (IOException e) {
            closePool();
            throw e;
        }
        if (!s.unreadableWorkshops().isEmpty() && !salvage) {
            closePool();
            throw new IOException("cannot start on PostgreSQL at " + where + ": unreadable rows in table workshops: "
                    + String.join(", ", s.unreadableWorkshops()) + JournalRecovery.SALVAGE_HINT);
        }
        synchronized (lock) {
            if (closed) {
                closePoolLocked();
                throw new IllegalStateException("PostgreSQL store closed during recover()");
            }
        }
        LOG.info("PostgreSQL store at " + where + " (schema version " + PgSchema.VERSION + ")");
        return s.recovery();
    }

    @Override
    public CompletableFuture<Void> append(String boardId, AcceptedBatch batch) {
        return write(Objects.requireNonNull(boardId, "boardId"), batch.seq(), () -> PgWrites.batchRow(boardId, batch));
    }

    @Override
    public CompletableFuture<Void> saveWorkshop(Workshop workshop) {
        return write(null, 0, () -> PgWrites.workshopRow(workshop));
    }

    private interface Encoder {
        Tuple row() throws IOException;
    }

    /** Encodes (and checks) on the caller's thread; a row that cannot be stored fails in its turn. */
    private CompletableFuture<Void> write(String board, long seq, Encoder encoder) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        try {
            Tuple row = encoder.row();
            return enqueue(new Write(board, seq, row, rowBytes(row), null, future));
        } catch (IOException | RuntimeException e) {
            return enqueue(new Write(board, seq, null, 0, e, future));
        }
    }

    /** Roughly what a row holds in memory: its text values, two bytes a char. */
    private static long rowBytes(Tuple row) {
        long bytes = 64;
        for (int i = 0; i < row.size(); i++) {
            if (row.getValue(i) instanceof String text) bytes += 2L * text.length();
        }
        return bytes;
    }

    /** A new workshop's document and a row per board, in one transaction (CU-9). */
    @Override
    public CompletableFuture<Void> createWorkshop(Workshop workshop) {
        return read(c -> PgWorkshops.create(c, workshop));
    }

    /** Inserts rows for the added boards (a set union with other nodes' additions) and reads the workshop back (CU-9). */
    @Override
    public CompletableFuture<Workshop> addBoards(Workshop known, List<Workshop.BoardRef> added) {
        return read(c -> PgWorkshops.add(c, known.id(), added));
    }

    @Override
    public CompletableFuture<java.util.Optional<Workshop>> loadWorkshop(String workshopId) {
        return read(c -> PgWorkshops.read(c, workshopId));
    }

    @Override
    public CompletableFuture<java.util.Optional<Workshop>> loadWorkshopOfBoard(String boardId) {
        return read(c -> PgWorkshops.readOfBoard(c, boardId));
    }

    @Override
    public CompletableFuture<BoardLoad> loadBoard(String boardId) {
        return read(c -> PgRecovery.readBoard(c, boardId));
    }

    @Override
    public CompletableFuture<List<Workshop>> loadWorkshops() {
        return read(c -> PgRecovery.readWorkshops(c).compose(docs -> PgWorkshops.withAdditions(c, docs)));
    }

    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> read(java.util.function.Function<SqlConnection, Future<T>> query) {
        CompletableFuture<Object> out = new CompletableFuture<>();
        enqueue(new Read(c -> query.apply(c).map(r -> (Object) r).timeout(WRITE_TIMEOUT_MS, TimeUnit.MILLISECONDS), out));
        return (CompletableFuture<T>) (CompletableFuture<?>) out;
    }

    @Override
    public CompletableFuture<Void> flushed() {
        return enqueue(new Barrier(new CompletableFuture<>()));
    }

    /**
     * In queue order: resets the byte count and calls {@code capture} on the store's context (it
     * must not block), encodes the content on a worker, then queues one transaction that upserts
     * each board's snapshot, deletes the batches it covers and adds missing workshops. Completes
     * when that commits, which may be after later appends.
     */
    @Override
    public CompletableFuture<Void> snapshot(Function<Set<String>, CompletableFuture<SnapshotContent>> capture) {
        return enqueue(new Mark(Objects.requireNonNull(capture, "capture"), new CompletableFuture<>()));
    }

    @Override
    public long journalBytesSinceSnapshot() {
        return bytesSinceSnapshot.get();
    }

    /**
     * Queue order is call order. While failing, everything is refused at once; so is a board's batch
     * behind one of its seqs that failed (no gaps, rule DU-5).
     */
    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> enqueue(Entry e) {
        Exception refused = null;
        boolean schedule = false;
        synchronized (lock) {
            if (closed) {
                refused = new IllegalStateException("PostgreSQL store is closed");
            } else if (pool == null) {
                refused = new IllegalStateException("call recover() before writing");
            } else if (health.failing()) {
                refused = health.unavailable(null);
            } else if (e instanceof Write w && w.batch() && failedSeqs.refuses(w.board(), w.seq())) {
                refused = new StoreUnavailableException("board " + w.board() + ": an earlier seq than " + w.seq()
                        + " failed to store; this one waits until the board resends from there", null);
            } else if (e instanceof Write w && queuedBytes.get() > 0 && queuedBytes.get() + w.bytes() > queueBytes) {
                // Bounded (rule DU-9): refused now rather than held; later seqs of the board wait for it (no gaps).
                if (w.batch()) failedSeqs.failed(w.board(), w.seq());
                refused = new StoreUnavailableException("the PostgreSQL write queue is full (" + queuedBytes.get()
                        + " bytes waiting, SAMENBORD_STORE_QUEUE_BYTES=" + queueBytes + "); try again later", null);
            } else {
                if (e instanceof Write w) {
                    queuedBytes.addAndGet(w.bytes());
                    // Counted until committed (or failed): the group being written is bounded too.
                    w.future().whenComplete((ok, err) -> queuedBytes.addAndGet(-w.bytes()));
                }
                queue.add(e);
                schedule = !draining;
                draining = true;
            }
        }
        if (refused != null) e.future().completeExceptionally(refused);
        if (schedule) context.runOnContext(v -> drain());
        return (CompletableFuture<T>) e.future();
    }

    /** On the context: takes the next group (or one snapshot step), runs it, then goes again. */
    private void drain() {
        List<Entry> group = new ArrayList<>();
        Entry single = null;
        synchronized (lock) {
            for (Entry head = queue.peek(); head != null && group.size() < MAX_GROUP; head = queue.peek()) {
                if (head instanceof Write || head instanceof Barrier) {
                    group.add(queue.poll());
                } else {
                    if (group.isEmpty()) single = queue.poll();
                    break;
                }
            }
            if (group.isEmpty() && single == null) {
                draining = false;
                if (idle != null) idle.complete(null);
                return;
            }
        }
        Future<Void> step;
        if (single instanceof Mark m) {
            step = mark(m);
        } else if (single instanceof SnapshotWrite s) {
            step = writeSnapshot(s);
        } else if (single instanceof Read r) {
            // A failed read fails only itself: it changed nothing.
            step = pool.withConnection(c -> r.query().apply(c)).transform(ar -> {
                if (ar.succeeded()) r.future().complete(ar.result());
                else r.future().completeExceptionally(ar.cause());
                return Future.succeededFuture();
            });
        } else {
            step = commit(group);
        }
        step.onComplete(ar -> context.runOnContext(v -> drain()));
    }

    private Future<Void> commit(List<Entry> group) {
        List<Tuple> batches = new ArrayList<>();
        List<Write> batchWrites = new ArrayList<>();
        List<Tuple> workshops = new ArrayList<>();
        long bytes = 0;
        for (Entry e : group) {
            if (e instanceof Write w && w.rejected() == null) {
                if (w.batch()) {
                    batches.add(w.row());
                    batchWrites.add(w);
                    bytes += PgSupport.utf8Length(w.row().getString(PgWrites.OPS));
                } else {
                    workshops.add(w.row());
                }
            }
        }
        Future<Void> done = batches.isEmpty() && workshops.isEmpty() ? Future.succeededFuture()
                : pool.withConnection(c -> PgWrites.journal(c, batches, workshops)).timeout(WRITE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        long written = bytes;
        return done.transform(ar -> {
            if (ar.failed() && ar.cause() instanceof PgWrites.ClashException clash) {
                // Fail the clashing batches alone, loudly, and write the rest of the group again.
                List<Entry> rest = new ArrayList<>(group);
                for (int i : clash.clashing) {
                    Write w = batchWrites.get(i);
                    rest.remove(w);
                    refuse(w, new BatchClashException("board " + w.board() + ": seq " + w.seq() + " is already stored with"
                            + " different content in PostgreSQL at " + where + "; this batch was not stored"));
                }
                return commit(rest);
            }
            StoreUnavailableException failed = ar.succeeded() ? null : failing(ar.cause(), group);
            if (failed == null) {
                bytesSinceSnapshot.addAndGet(written);
                for (Write w : batchWrites) {
                    if (w.rejected() == null) dirty.merge(w.board(), w.seq(), Math::max);
                }
            }
            for (Entry e : group) {
                if (failed != null) e.future().completeExceptionally(failed);
                else if (e instanceof Write w && w.rejected() != null) refuse(w, w.rejected());
                else e.future().complete(null); // only Writes and Barriers are grouped
            }
            return Future.succeededFuture();
        });
    }

    /** Fails one write alone; later seqs of its board are refused until it comes again (no gaps). */
    private void refuse(Write w, Exception why) {
        failures.incrementAndGet();
        if (w.batch()) failedSeqs.failed(w.board(), w.seq());
        if (why instanceof BatchClashException) LOG.severe(why.getMessage());
        w.future().completeExceptionally(why);
    }

    /**
     * Enters the failing state: the group and everything queued fail (a queued batch might land
     * after a seq that failed), later calls fail at once, and a probe starts. Returns what the
     * group fails with.
     */
    private StoreUnavailableException failing(Throwable cause, List<Entry> group) {
        List<Entry> queued = new ArrayList<>();
        StoreUnavailableException failed;
        boolean probe;
        synchronized (lock) {
            failures.incrementAndGet();
            probe = !health.failing();
            failed = health.fail(cause);
            queued.addAll(queue);
            queue.clear();
        }
        for (Entry e : group) {
            if (e instanceof Write w && w.batch()) failedSeqs.failed(w.board(), w.seq());
        }
        for (Entry e : queued) {
            if (e instanceof Write w && w.batch()) failedSeqs.failed(w.board(), w.seq());
            e.future().completeExceptionally(failed);
        }
        if (probe) {
            backoff.reset();
            scheduleProbe();
        }
        return failed;
    }

    private void scheduleProbe() {
        synchronized (lock) {
            if (closed) return;
        }
        vertx.setTimer(backoff.next(), t -> context.runOnContext(v -> probe()));
    }

    /** While failing: {@code SELECT 1} on a pooled (re)connection; success ends the failing state. */
    private void probe() {
        pool.query("SELECT 1").execute().timeout(PROBE_TIMEOUT_MS, TimeUnit.MILLISECONDS).onComplete(ar -> {
            if (ar.succeeded()) {
                health.healed();
            } else {
                LOG.log(Level.FINE, "PostgreSQL still unreachable", ar.cause());
                scheduleProbe();
            }
        });
    }

    /**
     * Asks the capture for the boards committed since their last snapshot. They leave the dirty
     * set now (a board not captured, e.g. owned by another node by now, keeps its batches in the
     * table, which loads read anyway) and come back if the snapshot fails.
     */
    private Future<Void> mark(Mark m) {
        bytesSinceSnapshot.set(0);
        long failuresBefore = failures.get();
        Map<String, Long> wanted = Map.copyOf(dirty);
        wanted.forEach(dirty::remove);
        m.future().whenComplete((v, e) -> {
            if (e != null) wanted.forEach((board, seq) -> dirty.merge(board, seq, Math::max));
        });
        CompletableFuture<SnapshotContent> captured;
        try {
            captured = Objects.requireNonNull(m.capture().apply(wanted.keySet()), "snapshot capture returned null");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "snapshot capture failed", e);
            m.future().completeExceptionally(e);
            return Future.succeededFuture();
        }
        captured.whenComplete((content, err) -> {
            if (err != null) {
                LOG.log(Level.WARNING, "snapshot capture failed", err);
                m.future().completeExceptionally(err);
                return;
            }
            context.executeBlocking(() -> PgWrites.snapshotRows(content), false).onComplete(ar -> {
                if (ar.succeeded()) enqueue(new SnapshotWrite(ar.result(), failuresBefore, m.future()));
                else m.future().completeExceptionally(ar.cause());
            });
        });
        return Future.succeededFuture();
    }


    /**
     * A failed snapshot loses only itself; a lost connection shows at the next write. A write that
     * failed since the capture began may be inside it (a batch that was then rolled back), so such
     * a snapshot is dropped: everything it holds that was stored is still in the batches table.
     */
    private Future<Void> writeSnapshot(SnapshotWrite s) {
        if (failures.get() != s.failuresBefore()) {
            s.future().completeExceptionally(new StoreUnavailableException(
                    "a write failed while the snapshot was captured; it may hold a batch that was not stored", null));
            return Future.succeededFuture();
        }
        return pool.withConnection(c -> PgWrites.snapshot(c, s.rows())).timeout(SNAPSHOT_TIMEOUT_MS, TimeUnit.MILLISECONDS).transform(ar -> {
            if (ar.succeeded()) {
                s.future().complete(null);
            } else {
                LOG.log(Level.WARNING, "writing a snapshot to PostgreSQL failed; the journal keeps everything", ar.cause());
                s.future().completeExceptionally(ar.cause());
            }
            return Future.succeededFuture();
        });
    }

    /** Waits for everything queued (at most 30 s), then closes the pool. */
    @Override
    public void close() throws IOException {
        CompletableFuture<Void> done;
        synchronized (lock) {
            if (closed) return;
            if (Thread.currentThread() == writerThread) {
                throw new IllegalStateException("close() from a store callback would deadlock");
            }
            closed = true;
            idle = new CompletableFuture<>();
            if (!draining) idle.complete(null);
            done = idle;
        }
        IOException pending = null;
        try {
            PgSupport.await(Future.fromCompletionStage(done), CLOSE_TIMEOUT_MS, "finish the queued writes");
        } catch (IOException e) {
            pending = e; // closing the connection below fails what is still queued
        }
        closePool();
        if (pending != null) throw pending;
    }

    private void closePool() {
        synchronized (lock) {
            closePoolLocked();
        }
    }

    private void closePoolLocked() {
        if (pool == null) return;
        Pool p = pool;
        pool = null;
        p.close().onFailure(e -> LOG.log(Level.WARNING, "closing the PostgreSQL pool failed", e));
    }
}
