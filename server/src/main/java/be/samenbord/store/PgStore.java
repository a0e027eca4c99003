package be.samenbord.store;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.workshop.Workshop;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Tuple;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The store in PostgreSQL ({@code SAMENBORD_STORE=postgresql://user:pass@host:port/db}), tables
 * in {@link PgSchema}. Callers encode on their own thread and queue; the queue is written by one
 * dedicated connection on its own event-loop context, everything queued at once in one
 * transaction (group commit). Futures complete on that context, in call order, after the commit;
 * hop back to your own context and never block in a callback. The first failed write (or a lost
 * connection) fails that future and every later one, like {@link JournalStore}.
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

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final String where;
    private final AtomicLong bytesSinceSnapshot = new AtomicLong();

    private final Object lock = new Object();
    // Guarded by lock.
    private final ArrayDeque<Entry> queue = new ArrayDeque<>();
    private Context context;
    private volatile Thread writerThread;
    private PgConnection conn;
    private boolean closed;
    private boolean draining;
    private IOException failure;
    private CompletableFuture<Void> idle;

    private sealed interface Entry {
        CompletableFuture<?> future();
    }

    /** A batch or workshop row, or why it could not be encoded (failed in its turn, store unharmed). */
    private record Write(boolean batch, Tuple row, Exception rejected, CompletableFuture<Void> future) implements Entry {}

    private record Barrier(CompletableFuture<Void> future) implements Entry {}

    /** A read, run in queue order on the writer's connection (so after this node's earlier writes). */
    private record Read(java.util.function.Function<PgConnection, Future<Object>> query, CompletableFuture<Object> future)
            implements Entry {}

    private record Mark(Supplier<CompletableFuture<SnapshotContent>> capture, CompletableFuture<Void> future)
            implements Entry {}

    private record SnapshotWrite(PgWrites.SnapshotRows rows, CompletableFuture<Void> future) implements Entry {}

    /** @param url {@code postgresql://user:pass@host:port/db}, as {@code SAMENBORD_STORE} gives it */
    public PgStore(Vertx vertx, String url) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.options = PgSupport.parse(url).addProperty("application_name", "samenbord");
        this.where = options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
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
            PgRecovery.open(vertx, options).onComplete(started);
        });
        PgRecovery.Opened s;
        try {
            s = PgSupport.await(started.future(), START_TIMEOUT_MS, "open the PostgreSQL store at " + where);
        } catch (IOException e) {
            started.future().onSuccess(late -> late.conn().close());
            throw e;
        }
        synchronized (lock) {
            if (closed) {
                s.conn().close();
                throw new IllegalStateException("PostgreSQL store closed during recover()");
            }
            conn = s.conn();
        }
        conn.exceptionHandler(e -> LOG.log(Level.WARNING, "PostgreSQL connection error", e));
        conn.closeHandler(v -> lost());
        LOG.info("PostgreSQL store at " + where + " (schema version " + PgSchema.VERSION + ")");
        return s.recovery();
    }

    @Override
    public CompletableFuture<Void> append(String boardId, AcceptedBatch batch) {
        return write(true, () -> PgWrites.batchRow(boardId, batch));
    }

    @Override
    public CompletableFuture<Void> saveWorkshop(Workshop workshop) {
        return write(false, () -> PgWrites.workshopRow(workshop));
    }

    private interface Encoder {
        Tuple row() throws IOException;
    }

    /** Encodes (and checks) on the caller's thread; a row that cannot be stored fails in its turn. */
    private CompletableFuture<Void> write(boolean batch, Encoder encoder) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        try {
            return enqueue(new Write(batch, encoder.row(), null, future));
        } catch (IOException | RuntimeException e) {
            return enqueue(new Write(batch, null, e, future));
        }
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
    private <T> CompletableFuture<T> read(java.util.function.Function<PgConnection, Future<T>> query) {
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
    public CompletableFuture<Void> snapshot(Supplier<CompletableFuture<SnapshotContent>> capture) {
        return enqueue(new Mark(Objects.requireNonNull(capture, "capture"), new CompletableFuture<>()));
    }

    @Override
    public long journalBytesSinceSnapshot() {
        return bytesSinceSnapshot.get();
    }

    /** Queue order is call order. A failed store still queues, so its failures complete in order too. */
    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> enqueue(Entry e) {
        RuntimeException refused = null;
        boolean schedule = false;
        synchronized (lock) {
            if (closed) {
                refused = new IllegalStateException("PostgreSQL store is closed");
            } else if (conn == null) {
                refused = new IllegalStateException("call recover() before writing");
            } else {
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
        IOException failed;
        synchronized (lock) {
            failed = failure;
            for (Entry head = queue.peek(); head != null && group.size() < MAX_GROUP; head = queue.peek()) {
                if (failed != null || head instanceof Write || head instanceof Barrier) {
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
        if (failed != null) {
            for (Entry e : group) e.future().completeExceptionally(failed);
            step = Future.succeededFuture();
        } else if (single instanceof Mark m) {
            step = mark(m);
        } else if (single instanceof SnapshotWrite s) {
            step = writeSnapshot(s);
        } else if (single instanceof Read r) {
            // A failed read fails only itself: it changed nothing.
            step = r.query().apply(conn).transform(ar -> {
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
        List<Tuple> workshops = new ArrayList<>();
        long bytes = 0;
        for (Entry e : group) {
            if (e instanceof Write w && w.rejected() == null) {
                (w.batch() ? batches : workshops).add(w.row());
                if (w.batch()) bytes += PgSupport.utf8Length(w.row().getString(PgWrites.OPS));
            }
        }
        Future<Void> done = batches.isEmpty() && workshops.isEmpty() ? Future.succeededFuture()
                : PgWrites.journal(conn, batches, workshops).timeout(WRITE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        long written = bytes;
        return done.transform(ar -> {
            IOException failed = ar.succeeded() ? null : failed(ar.cause());
            if (failed == null) bytesSinceSnapshot.addAndGet(written);
            for (Entry e : group) {
                if (failed != null) e.future().completeExceptionally(failed);
                else if (e instanceof Write w && w.rejected() != null) e.future().completeExceptionally(w.rejected());
                else e.future().complete(null); // only Writes and Barriers are grouped
            }
            return Future.succeededFuture();
        });
    }

    private Future<Void> mark(Mark m) {
        bytesSinceSnapshot.set(0);
        CompletableFuture<SnapshotContent> captured;
        try {
            captured = Objects.requireNonNull(m.capture().get(), "snapshot capture returned null");
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
                if (ar.succeeded()) enqueue(new SnapshotWrite(ar.result(), m.future()));
                else m.future().completeExceptionally(ar.cause());
            });
        });
        return Future.succeededFuture();
    }

    /** A failed snapshot loses only itself; a lost connection shows at the next write. */
    private Future<Void> writeSnapshot(SnapshotWrite s) {
        return PgWrites.snapshot(conn, s.rows()).timeout(SNAPSHOT_TIMEOUT_MS, TimeUnit.MILLISECONDS).transform(ar -> {
            if (ar.succeeded()) {
                s.future().complete(null);
            } else if (ar.cause() instanceof TimeoutException) {
                s.future().completeExceptionally(failed(ar.cause()));
            } else {
                LOG.log(Level.WARNING, "writing a snapshot to PostgreSQL failed; the journal keeps everything", ar.cause());
                s.future().completeExceptionally(ar.cause());
            }
            return Future.succeededFuture();
        });
    }

    /** Records the first failure and drops the connection; from then on every write fails. */
    private IOException failed(Throwable cause) {
        synchronized (lock) {
            if (failure == null) {
                failure = new IOException("PostgreSQL write failed; the store refuses every later write", cause);
                LOG.log(Level.SEVERE, "PostgreSQL write failed at " + where + "; the store now fails every write", cause);
                if (conn != null) conn.close();
            }
            return failure;
        }
    }

    private void lost() {
        boolean schedule;
        synchronized (lock) {
            if (closed && queue.isEmpty() && !draining) return; // our own close
            failed(new IOException("lost the connection to PostgreSQL at " + where));
            schedule = !draining && !queue.isEmpty();
            draining |= schedule;
        }
        if (schedule) context.runOnContext(v -> drain());
    }

    /** Waits for everything queued (at most 30 s), then closes the connection. */
    @Override
    public void close() throws IOException {
        CompletableFuture<Void> done;
        PgConnection c;
        synchronized (lock) {
            if (closed) return;
            if (Thread.currentThread() == writerThread) {
                throw new IllegalStateException("close() from a store callback would deadlock");
            }
            closed = true;
            idle = new CompletableFuture<>();
            if (!draining) idle.complete(null);
            done = idle;
            c = conn;
        }
        IOException pending = null;
        try {
            PgSupport.await(Future.fromCompletionStage(done), CLOSE_TIMEOUT_MS, "finish the queued writes");
        } catch (IOException e) {
            pending = e; // closing the connection below fails what is still queued
        }
        if (c != null) {
            try {
                PgSupport.await(c.close(), CLOSE_TIMEOUT_MS, "close the PostgreSQL connection");
            } catch (IOException e) {
                LOG.log(Level.WARNING, "closing the PostgreSQL connection failed", e);
            }
        }
        if (pending != null) throw pending;
    }
}
