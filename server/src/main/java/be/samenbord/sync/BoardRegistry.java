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
import be.samenbord.facilitation.ControlContext;
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
 * <p>A board is held in memory only while it is used (rule ME-1): loaded on first use from a
 * {@link BoardSource} (a single node: its store; a cluster: the shared store and the tail), and
 * unloaded once it has had no session and nothing to store for {@code SAMENBORD_BOARD_IDLE_MS}.
 * A loaded board is pruned first (rules GC-1..GC-3). In a cluster a node holds only boards it
 * owns and drops them when ownership moves; the others are reached through the {@link ClusterRelay}.
 */
public final class BoardRegistry {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(BoardRegistry.class.getName());

    private final Vertx vertx;
    private final BatchLog log;
    private BoardSource source;
    private final Memory memory;
    private final LongSupplier clock;
    private long sweepTimer = -1;
    private final TemplateCatalog templates;
    private final WorkshopDirectory directory;
    private final BoardHub.Hooks hooks;
    private final Map<String, BoardHub> hubs = new ConcurrentHashMap<>();
    private Cluster cluster;
    private final SyncMetrics metrics;
    private volatile boolean stopping;
    private volatile be.samenbord.board.BoardLimits limits = be.samenbord.board.BoardLimits.NONE;
    private volatile BatchListener batches = BatchListener.NONE;

    /** What a clustered registry needs besides a single node's parts. */
    private record Cluster(Ownership ownership, ClusterRelay relay) {
    }

    /**
     * How long boards stay in memory: {@code boardIdleMs} without a session before a board is
     * unloaded (rule ME-1), and the prune horizon (rule GC-1; 0 = never prune).
     */
    public record Memory(long boardIdleMs, long pruneHorizonMs) {
        public static final long DEFAULT_IDLE_MS = 120_000;
        public static final long DEFAULT_HORIZON_MS = 7L * 24 * 3600 * 1000;

        public static Memory defaults() {
            return new Memory(DEFAULT_IDLE_MS, DEFAULT_HORIZON_MS);
        }
    }

    /** A single node on {@code store}, with the default memory settings. */
    public BoardRegistry(Vertx vertx, be.samenbord.store.Store store, TemplateCatalog templates, WorkshopDirectory directory,
                         LongSupplier clock, SyncMetrics metrics) {
        this(vertx, store, new StoreBoardSource(store), templates, directory, clock, metrics, Memory.defaults(),
                new java.security.SecureRandom());
    }

    /**
     * @param log    where accepted batches are made durable (the store, or a cluster's tails)
     * @param source where boards are loaded from (a cluster replaces it in {@link #joinCluster})
     * @param random shuffles speaking orders (rule FA-9); tests may pass a seeded one
     */
    public BoardRegistry(Vertx vertx, BatchLog log, BoardSource source, TemplateCatalog templates, WorkshopDirectory directory,
                         LongSupplier clock, SyncMetrics metrics, Memory memory, java.util.random.RandomGenerator random) {
        this.vertx = vertx;
        this.log = log;
        this.source = source;
        this.memory = memory;
        this.clock = clock;
        this.templates = templates;
        this.directory = directory;
        this.metrics = metrics;
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
                // The next use loads the board again (unloaded, moved, or its state could not be trusted).
                hubs.remove(hub.id(), hub);
            }

            @Override
            public BoardHub successor(BoardHub unloaded, boolean load) {
                if (load) return ownedHub(unloaded.id()).orElse(null);
                BoardHub now = hubs.get(unloaded.id());
                return now == unloaded ? null : now;
            }
        };
    }

    /**
     * Turns this registry into a cluster member's: boards are owned per {@code ownership}, loaded
     * from {@code source}, and reached on other nodes over the event bus. Call before serving.
     */
    public Future<Void> joinCluster(Ownership ownership, BoardSource source, ObjectMapper json) {
        ClusterRelay relay = new ClusterRelay(vertx, ownership, this, json);
        this.source = source;
        cluster = new Cluster(ownership, relay);
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

    /**
     * A new board of a workshop: nothing to do, as every board is loaded on first use (an unknown
     * board loads empty). Its template must be known.
     */
    public void create(Workshop.BoardRef ref) {
        if (templates.find(ref.template()).isEmpty()) {
            throw new IllegalStateException("board " + ref.id() + " uses unknown template " + ref.template());
        }
    }

    /** The hub of a board this node serves, loading it if it is not in memory; empty if it serves no such board. */
    Optional<BoardHub> ownedHub(String id) {
        if (stopping || (cluster != null && !cluster.ownership().isLocal(id))) return Optional.empty();
        Optional<String> template = templateOfBoard(id);
        if (template.isEmpty()) return Optional.empty();
        return Optional.of(hubs.computeIfAbsent(id, k -> new BoardHub(k, template.get(), loadState(k, template.get()),
                ((VertxInternal) vertx).createEventLoopContext(), log, hooks)));
    }

    /** A board's state from the source, pruned (rules GC-2, GC-3): nobody holds a view of it yet. */
    private CompletableFuture<BoardState> loadState(String id, String template) {
        return source.load(id, template).thenApply(state -> {
            if (memory.pruneHorizonMs() > 0) {
                BoardState.Pruned p = state.prune(clock.getAsLong() - memory.pruneHorizonMs());
                if (p.keys() + p.items() > 0) {
                    LOG.fine(() -> "board " + id + ": pruned " + p.items() + " deleted items and " + p.keys() + " batch ids");
                }
            }
            return state;
        });
    }

    /**
     * Starts unloading idle boards (rule ME-1): every board without a session, with everything
     * durable and unused for {@code SAMENBORD_BOARD_IDLE_MS}, leaves memory; its next use loads it.
     * Only while {@code storeHealthy}: during an outage (DU-5) a board in memory keeps serving, and
     * one unloaded then could not be loaded again until the store is back.
     */
    public void startUnloading(java.util.function.BooleanSupplier storeHealthy) {
        long idle = memory.boardIdleMs();
        sweepTimer = vertx.setPeriodic(Math.max(50, Math.min(idle / 2, 5_000)), t -> {
            if (storeHealthy.getAsBoolean()) hubs.values().forEach(h -> h.unloadIfIdle(idle));
        });
    }

    /**
     * As {@link #ownedHub}, but a board this node owns and does not know is first looked up in the
     * store: its workshop's announcement may have missed this node (rule CU-9).
     */
    CompletableFuture<Optional<BoardHub>> ownedHubReadingThrough(String id) {
        Optional<BoardHub> hub = ownedHub(id);
        if (hub.isPresent() || cluster == null || stopping || !cluster.ownership().isLocal(id) || templateOfBoard(id).isPresent()) {
            return CompletableFuture.completedFuture(hub);
        }
        return directory.readBoard(id).handle((known, err) -> ownedHub(id));
    }

    /**
     * Cluster member leaving: drops every board (their sessions reconnect, to other nodes once this
     * one has left) and takes no new ones, so nothing is accepted here after the store is flushed.
     */
    public void stopServing() {
        if (sweepTimer >= 0) vertx.cancelTimer(sweepTimer);
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

    /**
     * Where a client that follows redirects should connect for {@code board} (rule RT-1): the
     * owner's node URL, when another node owns it and is reached at a URL other than this node's.
     * Counted in /metrics as a redirect sent.
     */
    Optional<String> redirect(String board) {
        if (cluster == null) return Optional.empty();
        Ownership o = cluster.ownership();
        String owner = o.ownerOf(board);
        if (owner == null || owner.equals(o.localNode())) return Optional.empty();
        Optional<String> there = o.urlOf(owner);
        if (there.isEmpty() || there.equals(o.urlOf(o.localNode()))) return Optional.empty();
        metrics.redirected();
        return there;
    }

    public boolean exists(String id) {
        return directory.workshopOfBoard(id).isPresent();
    }

    Optional<Template> templateOf(String board) {
        return templateOfBoard(board).flatMap(templates::find);
    }

    /** The board as REST shows it, once its seq is durable. */
    public Optional<CompletableFuture<BoardView>> view(String id) {
        if (!exists(id)) return Optional.empty();
        return Optional.of(route(id, BoardHub::view, owner -> cluster.relay().view(owner, id)));
    }

    /** A board's state now, captured on its owner. */
    public Optional<CompletableFuture<BoardSnapshot>> snapshot(String id) {
        if (!exists(id)) return Optional.empty();
        return Optional.of(route(id, BoardHub::capture, owner -> cluster.relay().capture(owner, id)));
    }

    /** Who is connected to a board now, asked of its owner (the room's: the workshop's people, FA-21). */
    public Optional<CompletableFuture<List<be.samenbord.facilitation.ControlContext.Person>>> peers(String id) {
        if (!exists(id)) return Optional.empty();
        return Optional.of(route(id, BoardHub::peers, owner -> cluster.relay().peers(owner, id)));
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
     * The state of the {@code wanted} boards, with the given workshops, for a snapshot: a board in
     * memory captured on its own context; on a single node, a board not in memory read from the
     * store (one at a time, so a snapshot after many boards were touched holds one loaded board at
     * once besides the snapshots). In a cluster only boards held here count, and a board with a
     * batch not yet confirmed is left for the next time.
     */
    public CompletableFuture<SnapshotContent> capture(List<Workshop> workshops, java.util.Set<String> wanted) {
        List<CompletableFuture<BoardSnapshot>> held = new ArrayList<>();
        List<String> unloaded = new ArrayList<>();
        for (String id : new java.util.TreeSet<>(wanted)) {
            BoardHub h = hubs.get(id);
            if (h != null) {
                CompletableFuture<BoardSnapshot> part = h.captureForSnapshot(cluster != null);
                held.add(cluster != null ? part : part.thenCompose(s -> s != null ? CompletableFuture.completedFuture(s) : fold(id)));
            } else if (cluster == null) {
                unloaded.add(id);
            }
        }
        CompletableFuture<List<BoardSnapshot>> folded = CompletableFuture.completedFuture(new ArrayList<>());
        for (String id : unloaded) {
            folded = folded.thenCompose(list -> fold(id).thenApply(s -> {
                if (s != null) list.add(s);
                return list;
            }));
        }
        CompletableFuture<List<BoardSnapshot>> rest = folded;
        return CompletableFuture.allOf(held.toArray(CompletableFuture[]::new)).thenCombine(rest, (v, more) -> {
            List<BoardSnapshot> boards = new ArrayList<>(held.stream().map(CompletableFuture::join).filter(Objects::nonNull).toList());
            boards.addAll(more);
            return new SnapshotContent(workshops, boards);
        });
    }

    /** A board that is not in memory, read from the store for a snapshot (null if it belongs to no workshop). */
    private CompletableFuture<BoardSnapshot> fold(String id) {
        Optional<String> template = templateOfBoard(id);
        if (template.isEmpty()) return CompletableFuture.completedFuture(null);
        return loadState(id, template.get()).thenApply(BoardState::snapshot);
    }

    /**
     * Whether this node owns the board now (always on a single node): the one node that writes a
     * board's derived items, such as team indicators (PROTOCOL.md IND-15).
     */
    public boolean isLocal(String boardId) {
        return cluster == null || cluster.ownership().isLocal(boardId);
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
