package be.samenbord.sync;

import be.samenbord.board.Op;
import be.samenbord.board.codec.OpCodec;
import be.samenbord.store.Records;
import be.samenbord.workshop.ControlRefused;
import be.samenbord.workshop.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Sessions whose board another node owns (rules CU-3..CU-6 in PROTOCOL.md). The node holding the
 * socket (the edge) checks the hello and validates batches, then forwards them to the owner's
 * address; the owner's hub treats the session as a {@link RemotePeer} and sends its frames back
 * to the edge's address. When the owner changes or leaves, the edge closes the socket with 1012
 * and the client reconnects, resends what was not acknowledged, and lands on the new owner.
 *
 * <p>Frames, batches, presence, leaves and closes travel in {@link RelayBatch}es gathered by a
 * {@link RelayOutbox}: one message per event-loop turn and node, not one per session and frame.
 * Joins and the REST calls are JSON requests with a reply.
 */
final class ClusterRelay {

    private static final Logger LOG = Logger.getLogger(ClusterRelay.class.getName());
    static final String OWNER = "samenbord.owner.";
    static final String EDGE = "samenbord.edge.";
    private static final long REQUEST_TIMEOUT_MS = 15_000;
    /** Reply failure code of a refused control request: the message is "code\nhuman text". */
    private static final int CONTROL_REFUSED = 422;
    private static final com.fasterxml.jackson.core.JsonFactory JSON_FACTORY = new com.fasterxml.jackson.core.JsonFactory();

    private final Vertx vertx;
    private final EventBus bus;
    private final Ownership ownership;
    private final BoardRegistry registry;
    private final ObjectMapper json;
    private final RelayOutbox outbox;
    private final AtomicLong ids = new AtomicLong();
    /** Edge side: sessions on this node whose board is owned elsewhere, by session key. */
    private final Map<String, RemoteLink> links = new ConcurrentHashMap<>();
    /** Owner side: sessions of other nodes on boards owned here, by session key. */
    private final Map<String, RemotePeer> peers = new ConcurrentHashMap<>();

    ClusterRelay(Vertx vertx, Ownership ownership, BoardRegistry registry, ObjectMapper json) {
        this.vertx = vertx;
        this.bus = vertx.eventBus();
        this.outbox = new RelayOutbox(bus);
        this.ownership = ownership;
        this.registry = registry;
        this.json = json;
    }

    /** Registers this node's two addresses (across the cluster) and follows owner changes. */
    Future<Void> start() {
        ownership.onChange(() -> vertx.runOnContext(v -> ownersChanged()));
        ownership.onNodeLeft(node -> vertx.runOnContext(v -> nodeLeft(node)));
        bus.registerDefaultCodec(RelayBatch.class, new RelayBatch.Codec());
        return Future.all(
                bus.consumer(OWNER + ownership.localNode(), this::onOwnerMessage).completion(),
                bus.<RelayBatch>consumer(EDGE + ownership.localNode(), this::onEdgeMessage).completion()).mapEmpty();
    }

    // ---- edge side -------------------------------------------------------------------------

    BoardLink link(Connection c, String board, String owner) {
        return new RemoteLink(ownership.localNode() + "/" + ids.incrementAndGet(), c, board, owner);
    }

    private final class RemoteLink implements BoardLink {
        final String key;
        final Connection connection;
        final String board;
        final String owner;
        /** SQ-2 on this relayed session (CU-12). */
        final RelayedSeqs seqs = new RelayedSeqs();

        RemoteLink(String key, Connection connection, String board, String owner) {
            this.key = key;
            this.connection = connection;
            this.board = board;
            this.owner = owner;
        }

        @Override
        public String boardId() {
            return board;
        }

        @Override
        public void join(long since) {
            links.put(key, this);
            JsonObject m = new JsonObject().put("k", "join").put("conn", key).put("board", board).put("node", ownership.localNode())
                    .put("replica", connection.replica()).put("name", connection.name()).put("role", connection.role().wire())
                    .put("text", connection.mergesText())
                    .put("since", since);
            // What this thread gathered (e.g. the leave of this client's previous session) goes first.
            outbox.flush();
            bus.request(OWNER + owner, m, new DeliveryOptions().setSendTimeout(REQUEST_TIMEOUT_MS)).onFailure(e -> {
                connection.send(Frames.error(WireError.UNAVAILABLE, "the board's node did not take this session; reconnect", null));
                connection.closeForRetry("owner refused the session: " + e.getMessage());
            });
        }

        @Override
        public void submit(String batchId, List<Op> ops) {
            outbox.add(OWNER + owner, RelayBatch.Item.of(RelayBatch.OPS, key, batchId, encodeOps(ops)));
        }

        @Override
        public void presence(JsonNode cursor, JsonNode selection, JsonNode caret, JsonNode drag) {
            outbox.add(OWNER + owner, RelayBatch.Item.of(RelayBatch.PRESENCE, key, cursor == null ? null : cursor.toString(),
                    presenceRest(selection, caret, drag)));
        }

        @Override
        public void leave() {
            if (links.remove(key) != null) outbox.add(OWNER + owner, RelayBatch.Item.of(RelayBatch.LEAVE, key, null, null));
        }
    }

    /** Frames and closes from owners, in the order each owner's board made them. */
    private void onEdgeMessage(Message<RelayBatch> m) {
        for (RelayBatch.Item item : m.body().items) {
            OutFrame frame = item.text() == null ? null : OutFrame.of(item.text()); // encoded once for all its sessions
            for (String conn : item.conns()) {
                RemoteLink link = links.get(conn);
                if (link == null) continue; // the socket closed meanwhile; the owner hears "leave"
                switch (item.kind()) {
                    case RelayBatch.SEND -> {
                        if (link.seqs.admit(item.text())) {
                            link.connection.send(frame);
                        } else {
                            // A frame of this session was lost on the bus (CU-12): the client must not
                            // see a seq past it, or it would reconnect past the lost one.
                            LOG.warning("board " + link.board + ": relayed seq " + RelayedSeqs.seqOf(item.text()) + " after "
                                    + link.seqs.last() + "; a frame was lost between nodes, the session resumes from " + link.seqs.last());
                            link.leave();
                            link.connection.closeForRetry("a frame from the board's node went missing; reconnect");
                        }
                    }
                    case RelayBatch.SEND_DROPPABLE -> link.connection.sendDroppable(frame);
                    case RelayBatch.CLOSE -> {
                        links.remove(link.key);
                        link.connection.close((short) item.code(), item.text() == null ? "" : item.text());
                    }
                    default -> LOG.warning("relay item of kind " + item.kind() + " is not for an edge; dropped");
                }
            }
        }
    }

    private void ownersChanged() {
        for (RemoteLink link : new ArrayList<>(links.values())) {
            if (!link.owner.equals(ownership.ownerOf(link.board))) {
                links.remove(link.key);
                link.connection.closeForMove("board moved to another node");
            }
        }
    }

    private void nodeLeft(String node) {
        for (RemoteLink link : new ArrayList<>(links.values())) {
            if (link.owner.equals(node)) {
                links.remove(link.key);
                link.connection.closeForMove("the board's node left the cluster");
            }
        }
        for (RemotePeer peer : new ArrayList<>(peers.values())) {
            if (peer.node().equals(node)) forget(peer);
        }
    }

    // ---- owner side ------------------------------------------------------------------------

    private void onOwnerMessage(Message<Object> m) {
        if (m.body() instanceof RelayBatch batch) {
            batch.items.forEach(this::onOwnerItem);
            return;
        }
        JsonObject body = (JsonObject) m.body();
        String kind = body.getString("k", "");
        String board = body.getString("board", "");
        try {
            switch (kind) {
                case "join" -> owned(m, board, h -> join(m, body, h));
                case "view" -> owned(m, board, h -> reply(m, h.view().thenApply(v -> new JsonObject()
                        .put("template", v.template()).put("seq", v.seq()).put("items", v.itemsJson()))));
                case "capture" -> owned(m, board, h -> reply(m, h.capture().thenApply(s -> s == null
                        ? null : new JsonObject().put("snapshot", Records.board(s)))));
                case "peers" -> owned(m, board, h -> reply(m, h.peers().thenApply(list -> {
                    io.vertx.core.json.JsonArray a = new io.vertx.core.json.JsonArray();
                    list.forEach(p -> a.add(new JsonObject().put("replica", p.replica()).put("name", p.name()).put("role", p.role().name())));
                    return new JsonObject().put("peers", a);
                })));
                case "local" -> owned(m, board, h -> reply(m, h.submitLocal(body.getString("replica"),
                        body.getString("batch"), decodeOps(body.getString("ops"))).thenApply(seq -> new JsonObject().put("seq", seq))));
                case "control" -> owned(m, board, h -> h.control(body.getString("actor"),
                        Role.valueOf(body.getString("role").toUpperCase(Locale.ROOT)), tree(body.getString("command")))
                        .whenComplete((seq, e) -> {
                            ControlRefused refused = ControlRefused.in(e);
                            if (e == null) m.reply(new JsonObject().put("seq", seq));
                            else if (refused != null) m.fail(CONTROL_REFUSED, refused.code() + "\n" + refused.getMessage());
                            else m.fail(503, String.valueOf(e.getMessage()));
                        }));
                default -> m.fail(400, "unknown relay message " + kind);
            }
        } catch (RuntimeException e) {
            LOG.warning("relay message " + kind + " for board " + board + " failed: " + e);
            if (m.replyAddress() != null) m.fail(500, String.valueOf(e.getMessage()));
        }
    }

    /** A session's batch, presence or leave; a bad item is logged and the rest still count. */
    private void onOwnerItem(RelayBatch.Item item) {
        String conn = item.conns().getFirst();
        try {
            switch (item.kind()) {
                case RelayBatch.OPS -> withPeer(conn, p -> p.hub().submit(p, item.text(), decodeOps(item.extra())));
                case RelayBatch.PRESENCE -> withPeer(conn, p -> {
                    JsonNode rest = tree(item.extra());
                    p.hub().presence(p, tree(item.text()), restPart(rest, 0), restPart(rest, 1), restPart(rest, 2));
                });
                case RelayBatch.LEAVE -> {
                    RemotePeer p = peers.remove(conn);
                    if (p != null) p.hub().leave(p);
                }
                default -> LOG.warning("relay item of kind " + item.kind() + " is not for an owner; dropped");
            }
        } catch (RuntimeException e) {
            LOG.warning("relay item " + item.kind() + " of session " + conn + " failed: " + e);
        }
    }

    private void join(Message<Object> m, JsonObject body, BoardHub hub) {
        String key = body.getString("conn");
        Role role = Role.valueOf(body.getString("role").toUpperCase(Locale.ROOT));
        RemotePeer[] self = new RemotePeer[1];
        self[0] = new RemotePeer(outbox, key, body.getString("node"), body.getString("replica"), body.getString("name"), role,
                body.getBoolean("text", false), hub, () -> peers.remove(key, self[0]));
        peers.put(key, self[0]);
        hub.join(self[0], body.getLong("since", -1L));
        m.reply("joined");
    }

    /**
     * Runs {@code action} with the hub of a board this node owns (reading its workshop through if
     * this node missed it, CU-9), or answers the request "not the owner".
     */
    private void owned(Message<Object> m, String board, java.util.function.Consumer<BoardHub> action) {
        java.util.Optional<BoardHub> here = registry.ownedHub(board);
        if (here.isPresent()) {
            action.accept(here.get());
            return;
        }
        io.vertx.core.Context context = vertx.getOrCreateContext();
        registry.ownedHubReadingThrough(board).whenComplete((hub, err) -> context.runOnContext(v -> {
            try {
                if (hub != null && hub.isPresent()) action.accept(hub.get());
                else m.fail(409, "this node does not own board " + board);
            } catch (RuntimeException e) {
                LOG.warning("relay message for board " + board + " failed: " + e);
                if (m.replyAddress() != null) m.fail(500, String.valueOf(e.getMessage()));
            }
        }));
    }

    private void withPeer(String key, java.util.function.Consumer<RemotePeer> action) {
        RemotePeer p = peers.get(key);
        if (p != null) {
            action.accept(p);
            return;
        }
        // The owner no longer knows this session (it moved or restarted): the client must start over.
        int slash = key.indexOf('/');
        if (slash > 0) {
            outbox.add(EDGE + key.substring(0, slash), RelayBatch.Item.close(key, Connection.CLOSE_RESTART, "session unknown to the board's node"));
        }
    }

    private void forget(RemotePeer peer) {
        peers.values().remove(peer);
        peer.hub().leave(peer);
    }

    private static <T> void reply(Message<Object> m, CompletableFuture<T> answer) {
        answer.whenComplete((v, e) -> {
            if (e != null) m.fail(503, String.valueOf(e.getMessage()));
            else if (v == null) m.fail(503, "not available right now");
            else m.reply(v);
        });
    }

    // ---- remote calls for REST and node writes ---------------------------------------------

    CompletableFuture<BoardView> view(String owner, String board) {
        return request(owner, new JsonObject().put("k", "view").put("board", board))
                .thenApply(r -> new BoardView(board, r.getString("template"), r.getLong("seq"), r.getString("items")));
    }

    CompletableFuture<be.samenbord.board.BoardSnapshot> capture(String owner, String board) {
        return request(owner, new JsonObject().put("k", "capture").put("board", board))
                .thenApply(r -> Records.readBoard(r.getString("snapshot")));
    }

    CompletableFuture<List<be.samenbord.facilitation.ControlContext.Person>> peers(String owner, String board) {
        return request(owner, new JsonObject().put("k", "peers").put("board", board)).thenApply(r -> {
            List<be.samenbord.facilitation.ControlContext.Person> out = new ArrayList<>();
            r.getJsonArray("peers").forEach(o -> {
                JsonObject p = (JsonObject) o;
                out.add(new be.samenbord.facilitation.ControlContext.Person(p.getString("replica"), p.getString("name"), Role.valueOf(p.getString("role"))));
            });
            return out;
        });
    }

    CompletableFuture<Long> submitLocal(String owner, String board, String replica, String batchId, List<Op> ops) {
        return request(owner, new JsonObject().put("k", "local").put("board", board).put("replica", replica)
                .put("batch", batchId).put("ops", encodeOps(ops))).thenApply(r -> r.getLong("seq"));
    }

    /** A facilitation action run on the board's owner; a refusal comes back as {@link ControlRefused}. */
    CompletableFuture<Long> control(String owner, String board, String actor, Role role, JsonNode command) {
        return request(owner, new JsonObject().put("k", "control").put("board", board).put("actor", actor)
                .put("role", role.wire()).put("command", command.toString()))
                .handle((r, e) -> {
                    Throwable cause = e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
                    if (cause instanceof io.vertx.core.eventbus.ReplyException re && re.failureCode() == CONTROL_REFUSED) {
                        int cut = re.getMessage().indexOf('\n');
                        throw new ControlRefused(re.getMessage().substring(0, cut), re.getMessage().substring(cut + 1));
                    }
                    if (e != null) throw new java.util.concurrent.CompletionException(cause);
                    return r.getLong("seq");
                });
    }

    private CompletableFuture<JsonObject> request(String owner, JsonObject m) {
        return bus.<JsonObject>request(OWNER + owner, m, new DeliveryOptions().setSendTimeout(REQUEST_TIMEOUT_MS))
                .map(Message::body).toCompletionStage().toCompletableFuture();
    }

    // ---- encoding --------------------------------------------------------------------------

    private static String encodeOps(List<Op> ops) {
        StringWriter out = new StringWriter(64 * ops.size() + 2);
        try (var g = JSON_FACTORY.createGenerator(out)) {
            Frames.writeOps(g, ops);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }

    private List<Op> decodeOps(String text) {
        JsonNode array = tree(text);
        List<Op> ops = new ArrayList<>(array.size());
        for (JsonNode n : array) ops.add(OpCodec.read(n, ops.isEmpty() ? null : ops.get(ops.size() - 1)));
        return ops;
    }

    private JsonNode tree(String text) {
        if (text == null) return null;
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("relay message does not parse: " + e.getMessage());
        }
    }

    /**
     * What a relayed presence names besides the cursor, as {@code [selection, caret, drag]} (TX-8
     * caret, PR-5 drag); each null when absent. A node that knows no drag sent two entries: the
     * third then reads as null.
     */
    static String presenceRest(JsonNode selection, JsonNode caret, JsonNode drag) {
        return "[" + (selection == null ? "null" : selection.toString()) + "," + (caret == null ? "null" : caret.toString()) + ","
                + (drag == null ? "null" : drag.toString()) + "]";
    }

    /** Entry {@code i} of a {@link #presenceRest} array, null when missing or JSON null. */
    static JsonNode restPart(JsonNode rest, int i) {
        JsonNode n = rest == null ? null : rest.get(i);
        return n == null || n.isNull() ? null : n;
    }
}
