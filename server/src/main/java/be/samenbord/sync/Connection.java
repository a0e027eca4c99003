package be.samenbord.sync;

import be.samenbord.Settings;
import be.samenbord.board.Op;
import be.samenbord.board.codec.OpCodec;
import be.samenbord.board.codec.Unicode;
import be.samenbord.facilitation.ControlContext;
import be.samenbord.workshop.ControlRefused;
import be.samenbord.workshop.Role;
import be.samenbord.workshop.Seats;
import be.samenbord.workshop.WorkshopDirectory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One WebSocket session (rules HE-*, OP-*, PR-*, LI-*): waits for hello, then passes validated
 * batches and presence to its board. Frame handling runs on the socket's event loop; board work
 * runs on the board's context.
 */
final class Connection implements Peer {

    private static final Logger LOG = Logger.getLogger(Connection.class.getName());

    /** Close codes (rule CL-1). */
    static final short CLOSE_NORMAL = 1000;
    static final short CLOSE_POLICY = 1008;
    static final short CLOSE_RESTART = 1012;
    static final short CLOSE_TRY_AGAIN = 1013;
    static final short CLOSE_GOING_AWAY = 1001;
    /** Longest display name, in code points (HE-2). */
    static final int MAX_NAME_CHARS = 60;
    static final short CLOSE_TOO_BIG = 1009;
    /** How far into a dropped frame the batch id is looked for (rule LI-4): a bounded scan, no parsing. */
    static final int BATCH_SCAN_CHARS = 256;
    private static final java.util.regex.Pattern BATCH_FIELD =
            java.util.regex.Pattern.compile("\"batch\"\\s*:\\s*\"([A-Za-z0-9_.:-]{1,64})\"");

    private final ServerWebSocket ws;
    private final SyncEndpoint endpoint;
    private final RateLimiter limiter;
    private final long helloTimer;
    private final long pingTimer;
    /** When the client last sent anything (a frame or a pong); nano clock. */
    private volatile long lastHeard;
    private BoardLink link;
    private be.samenbord.board.template.Template template;
    private String replica;
    private String name;
    private Role role;
    private boolean mergesText;
    private WorkshopDirectory.Access access;
    private long limitedSince = -1;
    /** Frames dropped since the client last kept to the rate for a second (rule LI-4). */
    private int limitedFrames;
    private long lastDropped;
    /** This connection's place on its board (rule LI-11), given back when it closes. */
    private Admissions.Ticket admission;
    private volatile boolean closing;
    /**
     * The socket's channel: its outbound buffer is the connection's queue (LI-6). Netty counts the
     * bytes not yet written and flips the channel unwritable past the high-water mark, which is
     * set to the bound; reading that is lock-free from any thread, with no callback per write.
     */
    private final io.netty.channel.Channel channel;

    Connection(ServerWebSocket ws, SyncEndpoint endpoint) {
        this.ws = ws;
        this.endpoint = endpoint;
        Settings s = endpoint.settings();
        this.limiter = new RateLimiter(s.rateLimitPerSecond(), s.rateLimitBurst(), endpoint.nanoClock());
        this.lastHeard = endpoint.nanoClock().getAsLong();
        this.channel = ((io.vertx.core.internal.http.WebSocketInternal) ws).channelHandlerContext().channel();
        ws.setWriteQueueMaxSize(s.outQueueBytes()); // unwritable past the bound, writable again below half
        ws.textMessageHandler(this::onText);
        ws.binaryMessageHandler(b -> sendError(WireError.BAD_MESSAGE, "frames must be JSON text", null));
        ws.exceptionHandler(this::onSocketError);
        ws.closeHandler(v -> onClosed());
        ws.pongHandler(b -> heard());
        // Vert.x answers pings itself; they still count against the frame rate (rule LI-4).
        ws.frameHandler(f -> {
            if (f.type() == io.vertx.core.http.WebSocketFrameType.PING) onPing();
        });
        this.pingTimer = endpoint.vertx().setPeriodic(s.pingMs(), t -> pingOrDrop());
        this.helloTimer = endpoint.vertx().setTimer(s.helloTimeoutMs(), t -> {
            if (link == null) {
                sendError(WireError.BAD_MESSAGE, "no hello within " + s.helloTimeoutMs() + " ms", null);
                close(CLOSE_POLICY, "hello timeout");
            }
        });
    }

    @Override
    public String replica() {
        return replica;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Role role() {
        return role;
    }

    @Override
    public boolean mergesText() {
        return mergesText;
    }

    private void heard() {
        lastHeard = endpoint.nanoClock().getAsLong();
    }

    /**
     * Heartbeat (rule LI-7): a ping every interval; a client that answered nothing for three
     * intervals is gone (sleeping laptop, dropped Wi-Fi), so it leaves the board instead of
     * lingering as a ghost peer.
     */
    private void pingOrDrop() {
        if (closing) return;
        long silentNanos = endpoint.nanoClock().getAsLong() - lastHeard;
        if (silentNanos > 3 * endpoint.settings().pingMs() * 1_000_000L) {
            close(CLOSE_GOING_AWAY, "no answer to pings");
        } else {
            ws.writePing(io.vertx.core.buffer.Buffer.buffer());
        }
    }

    private void onPing() {
        heard();
        if (closing) return;
        if (!withinRate()) onLimited(null);
    }

    /**
     * Takes a frame from the rate (rule LI-4). The count of dropped frames starts again only
     * after a second without any: a flood that lets one frame through whenever a token comes
     * back still adds up, and is cut off.
     */
    private boolean withinRate() {
        if (!limiter.tryAcquire()) return false;
        if (limitedFrames > 0 && endpoint.nanoClock().getAsLong() - lastDropped > 1_000_000_000L) limitedFrames = 0;
        return true;
    }

    private void onText(String text) {
        heard();
        if (closing) return;
        if (!withinRate()) {
            onLimited(text);
            return;
        }
        if (text.length() > Settings.MAX_FRAME_BYTES / 3
                && text.getBytes(StandardCharsets.UTF_8).length > Settings.MAX_FRAME_BYTES) {
            sendError(WireError.TOO_LARGE, "frames are limited to 64 KiB", null);
            return;
        }
        JsonNode frame;
        try {
            frame = endpoint.json().readTree(text);
        } catch (JsonProcessingException e) {
            sendError(WireError.BAD_MESSAGE, "not valid JSON", null);
            return;
        }
        if (frame == null || !frame.isObject() || !frame.path("t").isTextual()) {
            sendError(WireError.BAD_MESSAGE, "a frame is a JSON object with a string field t", null);
            return;
        }
        String batch = frame.path("batch").isTextual() ? frame.path("batch").asText() : null;
        // A lone surrogate can only arrive as a JSON escape; without one, the raw text tells (IN-1).
        if (text.contains("\\u") ? !Unicode.wellFormed(frame) : !Unicode.wellFormed(text)) {
            boolean isBatch = "ops".equals(frame.get("t").asText()) && batch != null;
            sendError(isBatch ? WireError.INVALID_OP : WireError.BAD_MESSAGE,
                    "text must be well-formed Unicode (no lone surrogates)", isBatch ? batch : null);
            return;
        }
        try {
            switch (frame.get("t").asText()) {
                case "hello" -> onHelloReadingThrough(frame, batch);
                case "ops" -> onOps(frame, batch);
                case "presence" -> onPresence(frame);
                case "control" -> onControl(frame);
                default -> throw new WireError(WireError.BAD_MESSAGE, "unknown frame type '" + frame.get("t").asText() + "'");
            }
        } catch (WireError e) {
            sendError(e.code(), e.getMessage(), batch);
        }
    }

    /**
     * Over the rate: drop the frame. A dropped batch is named, so its client knows to resend it;
     * other frames are reported at most once a second. A client that never stops is cut off.
     */
    private void onLimited(String text) {
        long now = endpoint.nanoClock().getAsLong();
        lastDropped = now;
        if (++limitedFrames > 20 * endpoint.settings().rateLimitBurst()) {
            // Read nothing more: Vert.x answers every ping it reads with a pong, and a flooder's
            // backlog of frames would keep the loop busy until the close handshake times out.
            ws.pause();
            close(CLOSE_POLICY, "flooding");
            return;
        }
        // Never parsed: a flood of large frames would cost a JSON parse each (1.7 GB in 14 s once).
        String batch = text == null ? null : batchIdIn(text);
        if (batch != null) {
            sendError(WireError.RATE_LIMITED, "too many frames; resend this batch later", batch);
        } else if (limitedSince < 0 || now - limitedSince > 1_000_000_000L) {
            limitedSince = now;
            sendError(WireError.RATE_LIMITED, "too many frames; slow down and resend what was not acknowledged", null);
        }
    }

    /** The batch id a frame names near its start, found without parsing it; null if none. */
    static String batchIdIn(String text) {
        java.util.regex.Matcher m = BATCH_FIELD.matcher(text);
        m.region(0, Math.min(text.length(), BATCH_SCAN_CHARS));
        return m.find() ? m.group(1) : null;
    }

    /**
     * A hello whose token or board this node does not know (or whose board its workshop lacks
     * here) may name a workshop whose announcement this node missed: it reads the workshop from
     * the store first, then handles the hello (rule CU-9). Everything else goes straight on.
     */
    private void onHelloReadingThrough(JsonNode f, String batch) {
        String board = f.path("board").asText("");
        Optional<WorkshopDirectory.Access> access = endpoint.directory().authenticate(f.path("token").asText(null));
        if (link != null || board.isEmpty() || !endpoint.directory().readsThrough()
                || access.isPresent() && access.get().workshop().hasBoard(board) && endpoint.registry().exists(board)) {
            onHello(f);
            return;
        }
        io.vertx.core.Context context = endpoint.vertx().getOrCreateContext();
        endpoint.directory().readBoard(board).whenComplete((known, err) -> context.runOnContext(v -> {
            if (closing) return;
            if (err != null) LOG.log(Level.WARNING, "reading the workshop of board " + board + " from the store failed", err);
            try {
                onHello(f);
            } catch (WireError e) {
                sendError(e.code(), e.getMessage(), batch);
            }
        }));
    }

    private void onHello(JsonNode f) {
        if (link != null) throw new WireError(WireError.BAD_MESSAGE, "hello was already accepted on this connection");
        if (f.path("v").asInt(-1) != 1) throw new WireError(WireError.BAD_MESSAGE, "unsupported protocol version; this server speaks v 1");
        String rep = f.path("replica").asText("");
        if (!OpCodec.REPLICA.matcher(rep).matches()) {
            throw new WireError(WireError.BAD_MESSAGE, "replica must be 8-64 characters of [A-Za-z0-9_-]");
        }
        String display = f.path("name").isTextual() ? f.path("name").asText().strip() : "";
        if (display.isEmpty() || Unicode.codePoints(display) > MAX_NAME_CHARS) {
            throw new WireError(WireError.BAD_MESSAGE, "name must be 1-" + MAX_NAME_CHARS + " characters");
        }
        String seat = null;
        if (f.has("seat")) {
            if (!f.get("seat").isTextual() || !Seats.SECRET.matcher(f.get("seat").asText()).matches()) {
                throw new WireError(WireError.BAD_MESSAGE, "seat must be 22-128 of [A-Za-z0-9_-]");
            }
            seat = f.get("seat").asText();
            if (!Seats.seated(rep)) throw new WireError(WireError.BAD_MESSAGE, "with a seat, the replica id is <seat id>_<tab> (ID-2)");
        }
        String refused = Seats.refusal(rep, seat);
        if (refused != null) throw new WireError(WireError.FORBIDDEN, refused);
        long since = -1;
        if (f.has("since")) {
            if (!f.get("since").isIntegralNumber() || f.get("since").asLong() < 0) {
                throw new WireError(WireError.BAD_MESSAGE, "since must be a non-negative integer");
            }
            since = f.get("since").asLong();
        }
        Optional<WorkshopDirectory.Access> access = endpoint.directory().authenticate(f.path("token").asText(null));
        if (access.isEmpty()) throw new WireError(WireError.UNAUTHORIZED, "unknown token");
        String board = f.path("board").asText("");
        if (!endpoint.registry().exists(board)) throw new WireError(WireError.UNKNOWN_BOARD, "no board with that id");
        if (!access.get().workshop().hasBoard(board)) {
            throw new WireError(WireError.FORBIDDEN, "this token belongs to another workshop");
        }
        be.samenbord.board.template.Template boardTemplate = endpoint.registry().templateOf(board)
                .orElseThrow(() -> new WireError(WireError.UNKNOWN_BOARD, "no board with that id"));
        if (capability(f, "route")) {
            Optional<String> owner = endpoint.registry().redirect(board);
            if (owner.isPresent()) {
                send(Frames.redirect(owner.get(), board));
                close(CLOSE_NORMAL, "redirect to the board's owner");
                return;
            }
        }
        if (!admitted(board, access.get())) return;
        replica = rep;
        name = display;
        mergesText = capability(f, "text");
        role = access.get().role();
        this.access = access.get();
        Optional<BoardLink> target = endpoint.registry().link(this, board);
        if (target.isEmpty()) {
            // Partitions are moving between nodes: a moment later the board has an owner again.
            sendError(WireError.UNAVAILABLE, "this board is moving between nodes; reconnect in a moment", null);
            closeForRetry("board has no owner right now");
            return;
        }
        endpoint.vertx().cancelTimer(helloTimer);
        template = boardTemplate;
        link = target.get();
        endpoint.opened(this);
        link.join(since);
    }

    /**
     * Rules LI-11, LI-12: the hello rate of the client's address and the caps on connections of
     * one token and one address to the board. Over them the hello gets an error and the
     * connection closes with 1008; false then.
     */
    private boolean admitted(String board, WorkshopDirectory.Access a) {
        try {
            admission = endpoint.admissions().admit(board, a.workshop().id() + '/' + a.role().wire(), clientAddress());
            return true;
        } catch (WireError refused) {
            sendError(refused.code(), refused.getMessage(), null);
            close(CLOSE_POLICY, refused.getMessage());
            return false;
        }
    }

    private String clientAddress() {
        io.vertx.core.net.SocketAddress remote = ws.remoteAddress();
        return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    }

    private void onOps(JsonNode f, String batch) {
        if (link == null) throw new WireError(WireError.BAD_MESSAGE, "send hello first");
        if (batch == null || !BatchValidator.BATCH_ID.matcher(batch).matches()) {
            throw new WireError(WireError.BAD_MESSAGE, "batch must be 1-64 of [A-Za-z0-9_.:-]");
        }
        if (!role.canWrite()) throw new WireError(WireError.FORBIDDEN, "observers cannot change the board");
        if (ControlContext.ROOM_TEMPLATE.equals(template.id())) throw new WireError(WireError.FORBIDDEN, "only the node writes the room board");
        List<Op> ops = endpoint.validator().validate(f.get("ops"), template, replica);
        // FA-27: the directory's workshop, not the one at hello: boards may have been added since.
        ThemeFields.checkSources(ops, template, b -> endpoint.directory().workshop(access.workshop().id()).map(w -> w.hasBoard(b)).orElse(false));
        link.submit(batch, ops);
    }

    /** A facilitation request (rule FA-8); its answer is {@code done} or an error naming the request. */
    private void onControl(JsonNode f) {
        String request = f.path("request").isTextual() ? f.path("request").asText() : null;
        if (request == null || !BatchValidator.BATCH_ID.matcher(request).matches()) {
            throw new WireError(WireError.BAD_MESSAGE, "request must be 1-64 of [A-Za-z0-9_.:-]");
        }
        if (link == null) {
            send(Frames.controlError(WireError.BAD_MESSAGE, "send hello first", request));
            return;
        }
        endpoint.facilitation().control(access, link.boardId(), replica, f).whenComplete((seq, e) -> {
            if (e == null) {
                send(Frames.done(request, seq));
                return;
            }
            ControlRefused r = ControlRefused.in(e);
            if (r != null) {
                send(Frames.controlError(r.code(), r.getMessage(), request));
            } else {
                LOG.log(Level.WARNING, "control request on board " + link.boardId() + " failed", e);
                send(Frames.controlError(WireError.UNAVAILABLE, "the board cannot do that right now; try again", request));
            }
        });
    }

    /** Whether the hello's {@code caps} list names {@code cap} (TX-7); anything else there is ignored. */
    private static boolean capability(JsonNode hello, String cap) {
        JsonNode caps = hello.get("caps");
        if (caps == null || !caps.isArray()) return false;
        for (JsonNode c : caps) if (c.isTextual() && c.asText().equals(cap)) return true;
        return false;
    }

    /** A presence caret (TX-8): {@code {"i":item,"f":field,"at":id|null,"to":id|null}}; null when absent. */
    private static JsonNode caret(JsonNode t) {
        if (t == null || t.isNull()) return null;
        if (!t.isObject() || t.size() > 4 || !t.path("i").isTextual() || !BatchValidator.ITEM_ID.matcher(t.path("i").asText()).matches()
                || !t.path("f").isTextual() || !BatchValidator.FIELD.matcher(t.path("f").asText()).matches()
                || !charIdOrNull(t.get("at")) || !charIdOrNull(t.get("to"))) {
            throw new WireError(WireError.BAD_MESSAGE, "text must be {i, f, at, to} with character ids [replica, n] or null (TX-8)");
        }
        return t;
    }

    private static boolean charIdOrNull(JsonNode id) {
        if (id == null || id.isNull()) return true;
        return id.isArray() && id.size() == 2 && id.get(0).isTextual() && id.get(0).asText().length() <= 100
                && id.get(1).isIntegralNumber() && id.get(1).asLong() >= 0 && id.get(1).asLong() <= Integer.MAX_VALUE;
    }

    /** Bounds of a dragged note's position, as IT-1 bounds {@code x} and {@code y}. */
    private static final double DRAG_BOUND = 1e7;

    /** A drag (PR-5): {@code [["item", x, y], ...]}, at most 200 entries; null when absent. */
    private static JsonNode drag(JsonNode d) {
        if (d == null || d.isNull()) return null;
        boolean ok = d.isArray() && d.size() <= 200;
        if (ok) {
            for (JsonNode e : d) {
                ok = e.isArray() && e.size() == 3 && e.get(0).isTextual() && BatchValidator.ITEM_ID.matcher(e.get(0).asText()).matches()
                        && e.get(1).isNumber() && Math.abs(e.get(1).asDouble()) <= DRAG_BOUND
                        && e.get(2).isNumber() && Math.abs(e.get(2).asDouble()) <= DRAG_BOUND;
                if (!ok) break;
            }
        }
        if (!ok) throw new WireError(WireError.BAD_MESSAGE, "drag must be a list of at most 200 [item id, x, y] (PR-5)");
        return d;
    }

    private void onPresence(JsonNode f) {
        if (link == null) throw new WireError(WireError.BAD_MESSAGE, "send hello first");
        JsonNode cursor = f.get("cursor");
        if (cursor != null && !cursor.isNull()
                && !(cursor.isArray() && cursor.size() == 2 && cursor.get(0).isNumber() && cursor.get(1).isNumber())) {
            throw new WireError(WireError.BAD_MESSAGE, "cursor must be [x, y] or null");
        }
        JsonNode selection = f.get("selection");
        if (selection != null && !selection.isNull()) {
            if (!selection.isArray() || selection.size() > 200) throw new WireError(WireError.BAD_MESSAGE, "selection must be a list of at most 200 item ids");
            for (JsonNode id : selection) {
                if (!id.isTextual() || !BatchValidator.ITEM_ID.matcher(id.asText()).matches()) {
                    throw new WireError(WireError.BAD_MESSAGE, "selection holds item ids");
                }
            }
        }
        link.presence(cursor, selection, caret(f.get("text")), drag(f.get("drag")));
    }

    /**
     * Sends a frame that must arrive. Bytes not yet written to the socket are counted by Netty; a
     * client so slow that they pass the bound is disconnected, so it never holds up the board (LI-6).
     */
    @Override
    public void send(String frame) {
        send(OutFrame.of(frame));
    }

    @Override
    public void send(OutFrame frame) {
        if (closing) return;
        // The bound applies to the backlog already waiting, so one frame larger than it still goes out.
        if (!channel.isWritable()) {
            close(CLOSE_TRY_AGAIN, "slow consumer: reconnect with since");
            return;
        }
        byte[] utf8 = frame.utf8();
        // Over the WebSocket frame size (a welcome of a huge board) Vert.x splits it into continuation frames.
        if (utf8.length > Settings.MAX_WS_MESSAGE_BYTES) ws.writeTextMessage(frame.text());
        else ws.writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, utf8, true));
    }

    /** Sends a frame that may be thinned (presence): dropped while the client lags behind. */
    @Override
    public void sendDroppable(String frame) {
        sendDroppable(OutFrame.of(frame));
    }

    /** Dropped once more than half the bound waits to be written (LI-6). */
    @Override
    public void sendDroppable(OutFrame frame) {
        if (!closing && channel.bytesBeforeUnwritable() > endpoint.settings().outQueueBytes() / 2) send(frame);
    }

    private void sendError(String code, String message, String batch) {
        send(Frames.error(code, message, batch));
    }

    @Override
    public void closeForRetry(String reason) {
        close(CLOSE_TRY_AGAIN, reason);
    }

    @Override
    public void closeForMove(String reason) {
        close(CLOSE_RESTART, reason);
    }

    Future<Void> close(short code, String reason) {
        if (closing) return Future.succeededFuture();
        closing = true;
        if (code != CLOSE_RESTART && code != CLOSE_NORMAL) LOG.info("closing " + (replica == null ? "a connection before hello" : replica) + ": " + code + " " + reason);
        Future<Void> closed = ws.close(code, closeReason(reason));
        onClosed();
        return closed;
    }

    /**
     * A close frame carries at most 123 bytes of reason (RFC 6455 5.5: 125 with the code). A longer
     * one, e.g. an event-bus timeout message, made clients drop the connection as corrupt (1006)
     * instead of reading the 1013, so the reason is cut at a character boundary.
     */
    static String closeReason(String reason) {
        byte[] utf8 = reason.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= 123) return reason;
        int end = 123;
        while ((utf8[end] & 0xC0) == 0x80) end--; // not inside a multi-byte character
        return new String(utf8, 0, end, StandardCharsets.UTF_8);
    }

    private void onSocketError(Throwable e) {
        LOG.log(Level.FINE, "socket error on " + replica, e);
        if (tooBig(e)) close(CLOSE_TOO_BIG, "message over 1 MiB");
        else close(CLOSE_POLICY, "connection error");
    }

    /**
     * A message or frame over the WebSocket layer's 1 MiB bound (rule LI-1): RFC 6455 "message too
     * big" (1009). Vert.x reports an oversized message as an IllegalStateException naming the max
     * message size, and Netty an oversized frame as a corrupted frame with status 1009.
     */
    static boolean tooBig(Throwable e) {
        if (e instanceof io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException c) {
            return c.closeStatus() != null && c.closeStatus().code() == CLOSE_TOO_BIG;
        }
        return e instanceof IllegalStateException && e.getMessage() != null && e.getMessage().contains("max message size");
    }

    private boolean closedOnce;

    private synchronized void onClosed() {
        if (closedOnce) return;
        closedOnce = true;
        closing = true;
        endpoint.vertx().cancelTimer(helloTimer);
        endpoint.vertx().cancelTimer(pingTimer);
        if (admission != null) admission.release();
        if (link != null) {
            link.leave();
            endpoint.closed(this);
        }
    }
}
