package be.samenbord.sync;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.board.BoardSnapshot;
import be.samenbord.board.BoardState;
import be.samenbord.board.template.Template;
import be.samenbord.board.template.TemplateCatalog;
import be.samenbord.store.Recovery;
import be.samenbord.store.SnapshotContent;
import be.samenbord.store.Store;
import be.samenbord.workshop.Workshop;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** The boards this node serves, each on its own event-loop context (rule SY-1). */
public final class BoardRegistry {

    private final Vertx vertx;
    private final Store store;
    private final TemplateCatalog templates;
    private final LongSupplier clock;
    private final SyncMetrics metrics;
    private final Map<String, BoardHub> hubs = new ConcurrentHashMap<>();

    public BoardRegistry(Vertx vertx, Store store, TemplateCatalog templates, LongSupplier clock, SyncMetrics metrics) {
        this.vertx = vertx;
        this.store = store;
        this.templates = templates;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Rebuilds every board of every recovered workshop: snapshot, then the batches after it. */
    public void restore(Recovery recovery) {
        for (Workshop w : recovery.workshops()) {
            for (Workshop.BoardRef ref : w.boards()) {
                BoardSnapshot snap = recovery.snapshots().get(ref.id());
                BoardState state = snap != null ? BoardState.restore(snap) : new BoardState(ref.id(), ref.template());
                recovery.batches().getOrDefault(ref.id(), List.<AcceptedBatch>of()).forEach(state::replay);
                add(state);
            }
        }
    }

    public void create(Workshop.BoardRef ref) {
        add(new BoardState(ref.id(), ref.template()));
    }

    private void add(BoardState state) {
        if (templates.find(state.template()).isEmpty()) {
            throw new IllegalStateException("board " + state.id() + " uses unknown template " + state.template());
        }
        hubs.put(state.id(), new BoardHub(state, ((VertxInternal) vertx).createEventLoopContext(), store, clock, metrics));
    }

    Optional<BoardHub> hub(String id) {
        return Optional.ofNullable(hubs.get(id));
    }

    public boolean exists(String id) {
        return hubs.containsKey(id);
    }

    Template templateOf(BoardHub hub) {
        return templates.find(hub.template()).orElseThrow();
    }

    /** The board as REST shows it, once its seq is durable. */
    public Optional<CompletableFuture<BoardView>> view(String id) {
        return hub(id).map(BoardHub::view);
    }

    /** A board's state now, captured on its own context. */
    public Optional<CompletableFuture<BoardSnapshot>> snapshot(String id) {
        return hub(id).map(BoardHub::capture);
    }

    /**
     * Writes a batch on behalf of this node (replica and stamps chosen by the caller), like a
     * client's: validated by the caller, deduplicated by (replica, batch), durable when complete.
     */
    public CompletableFuture<Long> submitLocal(String boardId, String replica, String batchId, List<be.samenbord.board.Op> ops) {
        return hub(boardId).map(h -> h.submitLocal(replica, batchId, ops))
                .orElseGet(() -> CompletableFuture.failedFuture(new IllegalArgumentException("no board " + boardId)));
    }

    /** Every board's state, each captured on its own context, with the given workshops. */
    public CompletableFuture<SnapshotContent> capture(List<Workshop> workshops) {
        List<CompletableFuture<BoardSnapshot>> parts = new ArrayList<>();
        hubs.values().forEach(h -> parts.add(h.capture()));
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                .thenApply(v -> new SnapshotContent(workshops, parts.stream().map(CompletableFuture::join).toList()));
    }

    public int size() {
        return hubs.size();
    }
}
