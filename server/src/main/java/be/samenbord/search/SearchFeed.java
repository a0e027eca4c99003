package be.samenbord.search;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.board.BoardSnapshot;
import be.samenbord.board.BoardState;
import be.samenbord.board.Items;
import be.samenbord.sync.BatchListener;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Feeds the index (rules SE-5, SE-8). Live: every batch a board accepts is read into documents on
 * its owner, at once (the state is exactly that batch's), and handed over once durable. On one node
 * it goes straight to the index; in a cluster the owner publishes it on the event bus to every node
 * (itself included), what comes within {@value #GATHER_MS} ms in one message, and each node indexes it.
 * Whole: at start every board the index is behind on is read from its owner (the store plus, in a
 * cluster, the tail) and indexed (the embedded store tells a board's seq without reading it, so an
 * index that is up to date loads no board); a node that sees a board's seq jump (a message lost, a
 * board it did not know) reads that board again. So the index is always derived from what the store acknowledged.
 */
public final class SearchFeed implements BatchListener {

    private static final Logger LOG = Logger.getLogger(SearchFeed.class.getName());
    /** Where owners publish derived updates in a cluster. */
    public static final String ADDRESS = "samenbord.search.updates";
    /** Updates of this long are gathered into one cluster message (the first one waits at most this). */
    private static final long GATHER_MS = 10;
    private static final long RETRY_MS = 1_000;
    private static final int READS_AT_ONCE = 4;

    private final BoardDocs docs;
    private final SearchIndex index;
    private final Supplier<List<String>> allBoards;
    private final Function<String, Optional<CompletableFuture<BoardSnapshot>>> snapshots;
    private final Function<String, java.util.OptionalLong> storedSeqs;
    private final Vertx vertx;
    private final boolean clustered;
    private final UpdateCodec codec;
    private final ConcurrentLinkedQueue<BoardUpdate> outbox = new ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean publishing = new java.util.concurrent.atomic.AtomicBoolean();
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final Set<String> reading = ConcurrentHashMap.newKeySet();
    private final Set<String> again = ConcurrentHashMap.newKeySet();
    /** Reads boards whole into documents, off every event loop. */
    private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "samenbord-search-read");
        t.setDaemon(true);
        return t;
    });
    private final List<Long> timers = new ArrayList<>();
    private volatile boolean stopped;

    /**
     * @param allBoards every board of every workshop this node knows
     * @param snapshots a board's state read on its owner, or empty for an unknown board
     * @param storedSeqs a board's newest stored seq without reading it, or empty when the store
     *                   cannot tell (then the board is read at start to compare)
     */
    public SearchFeed(BoardDocs docs, SearchIndex index, Supplier<List<String>> allBoards,
                      Function<String, Optional<CompletableFuture<BoardSnapshot>>> snapshots,
                      Function<String, java.util.OptionalLong> storedSeqs, Vertx vertx, boolean clustered, ObjectMapper json) {
        this.docs = docs;
        this.index = index;
        this.allBoards = allBoards;
        this.snapshots = snapshots;
        this.storedSeqs = storedSeqs;
        this.vertx = vertx;
        this.clustered = clustered;
        this.codec = new UpdateCodec(json);
    }

    /** Called on the board's context on its owner (see {@link BatchListener}); never throws. */
    @Override
    public Runnable applied(String board, String template, AcceptedBatch batch, Items items) {
        BoardUpdate update;
        try {
            update = docs.afterBatch(board, template, batch, items);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "search: could not read board " + board + " at seq " + batch.seq() + "; reading it whole", e);
            update = new BoardUpdate(board, batch.seq(), false, false, List.of());
            readLater(board);
        }
        BoardUpdate u = update;
        return () -> {
            if (!clustered) {
                receive(u);
                return;
            }
            outbox.add(u);
            if (publishing.compareAndSet(false, true)) vertx.setTimer(GATHER_MS, t -> {
                publishing.set(false);
                publish();
            });
        };
    }

    /**
     * Starts listening (in a cluster: the bus first, so nothing falls between it and the reading),
     * then reads every board whole where the index is behind. Completes when every board was read
     * once; in a cluster boards whose owner cannot answer yet are read again later by themselves.
     */
    public CompletableFuture<Void> start() {
        Future<Void> listening = Future.succeededFuture();
        if (clustered) {
            listening = vertx.eventBus().<String>consumer(ADDRESS, m -> {
                try {
                    codec.decode(m.body()).forEach(this::receive);
                } catch (java.io.IOException | RuntimeException e) {
                    LOG.log(Level.WARNING, "search: an update from another node did not read; its boards are read whole when their seq jumps", e);
                }
            }).completion();
        }
        timers.add(vertx.setPeriodic(500, t -> reader.execute(this::discover)));
        CompletableFuture<Void> done = new CompletableFuture<>();
        listening.onComplete(ar -> {
            if (ar.failed()) {
                done.completeExceptionally(ar.cause());
                return;
            }
            List<String> boards = allBoards.get();
            known.addAll(boards);
            // Searchable as soon as it is read, not a refresh tick later: a node is ready only then (SE-8).
            readAll(boards).handle((v, e) -> null).thenCompose(v -> index.refresh()).whenComplete((v, e) -> done.complete(null));
        });
        return done;
    }

    /**
     * After the index was opened again from its last commit (its writer failed, e.g. on a full
     * disk): every board the index is behind on is read again, as at start.
     */
    public void resync() {
        if (stopped) return;
        readAll(allBoards.get()).handle((v, e) -> null).thenCompose(v -> index.refresh());
    }

    /** Reads boards whole, a few at a time. */
    private CompletableFuture<Void> readAll(List<String> boards) {
        ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>(boards);
        List<CompletableFuture<Void>> lanes = new ArrayList<>();
        for (int i = 0; i < READS_AT_ONCE; i++) lanes.add(lane(queue));
        return CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> lane(ConcurrentLinkedQueue<String> queue) {
        String board = queue.poll();
        if (board == null || stopped) return CompletableFuture.completedFuture(null);
        return readIfBehind(board).handle((v, e) -> null).thenCompose(v -> lane(queue));
    }

    /**
     * At start: a board whose stored seq the store tells and the index already has is not read, so
     * a start loads no board the index is up to date on (ME-1: boards are in memory only while used).
     */
    private CompletableFuture<Void> readIfBehind(String board) {
        java.util.OptionalLong stored = storedSeqs.apply(board);
        if (stored.isEmpty()) return read(board);
        long seq = stored.getAsLong();
        return index.seq(board).thenCompose(have -> {
            if (have == seq) return CompletableFuture.completedFuture(null);
            // Never written: nothing but its template texts, which need no board state (as a new board).
            if (seq == 0) return index.created(board).thenAccept(o -> { });
            return read(board);
        });
    }

    /** Boards made since the last look start empty at seq 0, their template texts indexed (SE-8). */
    private void discover() {
        for (String board : allBoards.get()) {
            if (known.add(board)) index.created(board);
        }
    }

    private void receive(BoardUpdate u) {
        if (known.add(u.board())) index.created(u.board());
        index.apply(u).thenAccept(outcome -> {
            if (outcome == SearchIndex.Outcome.GAP) {
                LOG.info("search: board " + u.board() + " skipped to seq " + u.seq() + " here; reading it whole");
                readLater(u.board());
            } else if (outcome == SearchIndex.Outcome.UNKNOWN_BOARD) {
                known.remove(u.board());
                readLater(u.board());
            }
        }).exceptionally(e -> {
            // The write failed (logged by the index): read the board whole again, with backoff.
            readLater(u.board());
            return null;
        });
    }

    private void publish() {
        List<BoardUpdate> batch = new ArrayList<>();
        for (BoardUpdate u = outbox.poll(); u != null; u = outbox.poll()) batch.add(u);
        if (!batch.isEmpty()) vertx.eventBus().publish(ADDRESS, codec.encode(batch));
    }

    private final java.util.Map<String, Integer> failures = new ConcurrentHashMap<>();

    /** Reads a board whole; when that fails (no owner yet, store down), again later with backoff up to a minute. */
    private void readLater(String board) {
        if (stopped) return;
        read(board).whenComplete((v, e) -> {
            if (e == null) {
                failures.remove(board);
                return;
            }
            int n = failures.merge(board, 1, Integer::sum);
            if (!stopped) vertx.setTimer(Math.min(60_000, RETRY_MS << Math.min(6, n - 1)), t -> readLater(board));
        });
    }

    /**
     * Reads one board whole on its owner and indexes it unless the index already has that seq; one
     * read per board at a time (a read asked for meanwhile runs after it).
     */
    private CompletableFuture<Void> read(String board) {
        if (!reading.add(board)) {
            again.add(board);
            return CompletableFuture.completedFuture(null);
        }
        Optional<CompletableFuture<BoardSnapshot>> snapshot = snapshots.apply(board);
        if (snapshot.isEmpty()) {
            reading.remove(board);
            return CompletableFuture.completedFuture(null); // no such board (any more): nothing to index
        }
        CompletableFuture<Void> out = snapshot.get().thenCompose(s -> {
            if (s == null) return CompletableFuture.failedFuture(new IllegalStateException("board " + board + " is not served now"));
            return index.seq(board).thenCompose(have -> have == s.seq() ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.supplyAsync(() -> docs.whole(board, s.template(), s.seq(), BoardState.restore(s).items()), reader)
                    .thenCompose(index::apply).thenAccept(o -> { }));
        });
        return out.whenComplete((v, e) -> {
            reading.remove(board);
            if (e != null) LOG.fine(() -> "search: reading board " + board + " failed (" + e + "); trying again");
            if (again.remove(board)) readLater(board);
        });
    }

    public void stop() {
        stopped = true;
        timers.forEach(vertx::cancelTimer);
        if (clustered) publish();
        reader.shutdownNow();
    }
}
