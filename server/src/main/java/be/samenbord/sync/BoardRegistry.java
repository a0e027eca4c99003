package be.samenbord.sync;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.board.BoardSnapshot;
import be.samenbord.board.BoardState;
import be.samenbord.board.Op;
import be.samenbord.board.template.Template;
import be.samenbord.board.template.TemplateCatalog;
import be.samenbord.store.BatchLog;
import be.samenbord.store.Recovery;
import be.samenbord.store.SnapshotContent;
import be.samenbord.workshop.ControlContext;
import be.samenbord.workshop.Workshop;
import be.samenbord.workshop.WorkshopDirectory;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The boards this node serves, each on its own event-loop context (rule SY-1).
 *
 * <p>A single node holds every board from start to stop. In a cluster it holds only the boards
 * it owns, loaded on first use ({@link BoardSource}) and dropped when ownership moves; the others
 * are reached through the {@link ClusterRelay}.
 */
public final class BoardRegistry {

    private final Vertx vertx;
    private final BatchLog log;
    private final TemplateCatalog templates;
    private final WorkshopDirectory directory;
    private final BoardHub.Hooks hooks;
    private final Map<String, BoardHub> hubs = new ConcurrentHashMap<>();
    private Cluster cluster;
    private volatile boolean stopping;
    private volatile be.samenbord.board.BoardLimits limits = be.samenbord.board.BoardLimits.NONE;
    private volatile BatchListener batches = BatchListener.NONE;

    /** What a clustered registry needs besides a single node's parts. */
    private record Cluster(Ownership ownership, BoardSource source, ClusterRelay relay) {
    }

    public BoardRegistry(Vertx vertx, BatchLog log, TemplateCatalog templates, WorkshopDirectory directory,
                         LongSupplier clock, SyncMetrics metrics) {
        this(vertx, log, templates, directory, clock, metrics, new java.security.SecureRandom());
    }

    /** @param random shuffles speaking orders (rule FA-9); tests may pass a seeded one */
    public BoardRegistry(Vertx vertx, BatchLog log, TemplateCatalog templates, WorkshopDirectory directory,
                         LongSupplier clock, SyncMetrics metrics, java.util.random.RandomGenerator random) {
        this.vertx = vertx;
        this.log = log;
        this.templates = templates;
        this.directory = directory;
        this.hooks = new BoardHub.Hooks() {
            @Override
            public long now() {
                return clock.getAsLong();
            }

            @Override
            public void acked(int ops, long nanos) {
                metrics.acked(ops, nanos);
            }

            @Override
            public ControlContext controlContext(BoardHub hub, be.samenbord.board.Items items, String actor,
                                                 List<ControlContext.Person> connected) {
                Workshop workshop = directory.workshopOfBoard(hub.id())
                        .orElseThrow(() -> new IllegalStateException("board " + hub.id() + " has no workshop"));
                Template template = templates.find(hub.template())
                        .orElseThrow(() -> new IllegalStateException("board " + hub.id() + " has no template"));
                return new ControlContext(hub.id(), template, items, clock.getAsLong(), random, actor, connected, workshop, templates::find);
            }

            @Override
            public be.samenbord.board.BoardLimits limits() {
                return limits;
            }

            @Override
            public BatchListener batches() {
                return batches;
            }

            @Override
            public void closed(BoardHub hub) {
                // A single node keeps a broken hub (its store is gone); a cluster reloads on next use.
                if (cluster != null) hubs.remove(hub.id(), hub);
            }
        };
    }

    /**
     * Turns this registry into a cluster member's: boards are owned per {@code ownership}, loaded
     * from {@code source}, and reached on other nodes over the event bus. Call before serving.
     */
    public Future<Void> joinCluster(Ownership ownership, BoardSource source, ObjectMapper json) {
        ClusterRelay relay = new ClusterRelay(vertx, ownership, this, json);
        cluster = new Cluster(ownership, source, relay);
        ownership.onChange(this::dropMovedBoards);
        return relay.start();
    }

    /** Caps on every board's items and bytes for client batches (rule LI-13); set before serving. */
    public void limitBoards(be.samenbord.board.BoardLimits limits) {
        this.limits = limits;
    }

    /** Who hears of every accepted batch of the boards this node owns, once durable (search); set before serving. */
    public void listenBatches(BatchListener listener) {
        this.batches = listener;
    }

    public boolean clustered() {
        return cluster != null;
    }

    /** Rebuilds every board of every recovered workshop (single node): snapshot, then the batches after it. */
    public void restore(Recovery recovery) {
        for (Workshop w : recovery.workshops()) {
            for (Workshop.BoardRef ref : w.boards()) {
                BoardSnapshot snap = recovery.snapshots().get(ref.id());
                BoardState state = snap != null ? BoardState.restore(snap) : new BoardState(ref.id(), ref.template());
                recovery.batches().getOrDefault(ref.id(), List.<AcceptedBatch>of()).forEach(state::replay);
                add(state.id(), state.template(), CompletableFuture.completedFuture(state));
            }
        }
    }

    /** A new board of a workshop. In a cluster its owner makes it on first use. */
    public void create(Workshop.BoardRef ref) {
        if (cluster == null) add(ref.id(), ref.template(), CompletableFuture.completedFuture(new BoardState(ref.id(), ref.template())));
    }

    private BoardHub add(String id, String template, CompletableFuture<BoardState> state) {
        if (templates.find(template).isEmpty()) {
            throw new IllegalStateException("board " + id + " uses unknown template " + template);
        }
        BoardHub hub = new BoardHub(id, template, state, ((VertxInternal) vertx).createEventLoopContext(), log, hooks);
        hubs.put(id, hub);
        return hub;
    }

    /** The hub of a board this node owns (loading it in a cluster), or empty. */
    Optional<BoardHub> ownedHub(String id) {
        if (cluster == null) return Optional.ofNullable(hubs.get(id));
        if (stopping || !cluster.ownership().isLocal(id)) return Optional.empty();
        Optional<String> template = templateOfBoard(id);
        if (template.isEmpty()) return Optional.empty();
        return Optional.of(hubs.computeIfAbsent(id, k -> new BoardHub(k, template.get(),
                cluster.source().load(k, template.get()), ((VertxInternal) vertx).createEventLoopContext(), log, hooks)));
    }

    /**
     * Cluster member leaving: drops every board (their sessions reconnect, to other nodes once this
     * one has left) and takes no new ones, so nothing is accepted here after the store is flushed.
     */
    public void stopServing() {
        if (cluster == null) return;
        stopping = true;
        hubs.values().forEach(BoardHub::evict);
    }

    private void dropMovedBoards() {
        hubs.values().forEach(h -> {
            if (!cluster.ownership().isLocal(h.id())) h.evict();
        });
    }

    private Optional<String> templateOfBoard(String id) {
        return directory.workshopOfBoard(id).flatMap(w -> w.boards().stream()
                .filter(b -> b.id().equals(id)).map(Workshop.BoardRef::template).findFirst());
    }

    /**
     * Where a session on {@code board} goes: the hub here, or the owner's node. Empty while the
     * board has no owner (partitions moving) or is unknown.
     */
    Optional<BoardLink> link(Connection c, String board) {
        if (cluster == null || cluster.ownership().isLocal(board)) {
            return ownedHub(board).map(h -> new BoardLink.Local(h, c));
        }
        String owner = cluster.ownership().ownerOf(board);
        if (owner == null || templateOfBoard(board).isEmpty()) return Optional.empty();
        return Optional.of(cluster.relay().link(c, board, owner));
    }

    public boolean exists(String id) {
        return cluster == null ? hubs.containsKey(id) : directory.workshopOfBoard(id).isPresent();
    }

    Optional<Template> templateOf(String board) {
        return (cluster == null ? Optional.ofNullable(hubs.get(board)).map(BoardHub::template) : templateOfBoard(board))
                .flatMap(templates::find);
    }

    /** The board as REST shows it, once its seq is durable. */
    public Optional<CompletableFuture<BoardView>> view(String id) {
        if (!exists(id)) return Optional.empty();
        return Optional.of(route(id, BoardHub::view, owner -> cluster.relay().view(owner, id)));
    }

    /** A board's state now, captured on its owner. */
    public Optional<CompletableFuture<BoardSnapshot>> snapshot(String id) {
        if (!exists(id)) return Optional.empty();
        return Optional.of(route(id, h -> h.capture(false), owner -> cluster.relay().capture(owner, id)));
    }

    /**
     * Writes a batch on behalf of this node (replica and stamps chosen by the caller), like a
     * client's: validated by the caller, deduplicated by (replica, batch), durable when complete.
     */
    public CompletableFuture<Long> submitLocal(String boardId, String replica, String batchId, List<Op> ops) {
        if (!exists(boardId)) return CompletableFuture.failedFuture(new IllegalArgumentException("no board " + boardId));
        return route(boardId, h -> h.submitLocal(replica, batchId, ops),
                owner -> cluster.relay().submitLocal(owner, boardId, replica, batchId, ops));
    }

    /**
     * A facilitation action on a board (rule FA-8), run on the board's owner. Fails with
     * {@link be.samenbord.workshop.ControlRefused} when refused.
     */
    public CompletableFuture<Long> control(String boardId, String actor, be.samenbord.workshop.Role role,
                                           com.fasterxml.jackson.databind.JsonNode command) {
        if (!exists(boardId)) return CompletableFuture.failedFuture(new IllegalArgumentException("no board " + boardId));
        return route(boardId, h -> h.control(actor, role, command), owner -> cluster.relay().control(owner, boardId, actor, role, command));
    }

    private <T> CompletableFuture<T> route(String id, java.util.function.Function<BoardHub, CompletableFuture<T>> here,
                                           java.util.function.Function<String, CompletableFuture<T>> there) {
        Optional<BoardHub> hub = ownedHub(id);
        if (hub.isPresent()) return here.apply(hub.get());
        String owner = cluster == null ? null : cluster.ownership().ownerOf(id);
        if (owner == null) return CompletableFuture.failedFuture(new IllegalStateException("board " + id + " has no node right now"));
        return there.apply(owner);
    }

    /**
     * The state of every board held here, each captured on its own context, with the given
     * workshops. In a cluster a board with a batch not yet confirmed is left for the next time.
     */
    public CompletableFuture<SnapshotContent> capture(List<Workshop> workshops) {
        List<CompletableFuture<BoardSnapshot>> parts = new ArrayList<>();
        hubs.values().forEach(h -> parts.add(h.capture(cluster != null)));
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                .thenApply(v -> new SnapshotContent(workshops, parts.stream().map(CompletableFuture::join).filter(Objects::nonNull).toList()));
    }

    /** In a cluster, the node id of the board's owner now (rule CL-2). */
    public Optional<String> ownerOf(String boardId) {
        return cluster == null ? Optional.empty() : Optional.ofNullable(cluster.ownership().ownerOf(boardId));
    }

    /** Whether this node holds the board's hub now. */
    public boolean holds(String boardId) {
        return hubs.containsKey(boardId);
    }

    /** Boards held in memory on this node. */
    public int size() {
        return hubs.size();
    }
}
