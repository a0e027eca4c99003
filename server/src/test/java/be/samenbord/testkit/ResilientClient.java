package be.samenbord.testkit;

import be.samenbord.board.Items;
import be.samenbord.board.Op;
import be.samenbord.board.Register;
import be.samenbord.board.codec.OpCodec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A protocol client that behaves like the web client where it matters for failover tests: it
 * keeps its own replica of the board (welcome snapshot or catch-up, then ops frames, plus its own
 * edits at once), keeps unacknowledged batches and resends them after a reconnect, reconnects
 * with {@code since} to the next node of its list when its socket closes.
 */
public final class ResilientClient implements AutoCloseable {

    private static final Duration CONNECT_DEADLINE = Duration.ofSeconds(90);
    private static final long RESEND_MS = 250;

    private final List<String> bases;
    private final String token;
    private final String board;
    private final String replica;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Object lock = new Object();
    // Guarded by lock.
    private Items items = new Items();
    private long seq = -1;
    private final LinkedHashMap<String, ObjectNode> unacked = new LinkedHashMap<>();
    private final Map<String, Long> acks = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private WebSocket socket;
    /** The JDK socket takes one send at a time: each waits for the previous one. */
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
    private int baseIndex;
    private int connects;
    private boolean closed;
    private final Set<String> peersSeen = ConcurrentHashMap.newKeySet();
    /** The node of the current socket, and per node the welcomes and new acks that came over it (guarded by lock). */
    private String currentBase;
    private final Map<String, Integer> welcomesVia = new java.util.HashMap<>();
    private final Map<String, Integer> acksVia = new java.util.HashMap<>();
    /** What this client received, in order (the last 3,000 entries), to explain a replica that differs. */
    private final java.util.ArrayDeque<String> trail = new java.util.ArrayDeque<>();

    public ResilientClient(List<String> bases, int firstBase, String token, String board, String replica) {
        this.bases = List.copyOf(bases);
        this.baseIndex = firstBase;
        this.token = token;
        this.board = board;
        this.replica = replica;
    }

    /** Connects (trying each node in turn) and waits for the welcome. */
    public ResilientClient start() {
        connect();
        return this;
    }

    private void connect() {
        long deadline = System.nanoTime() + CONNECT_DEADLINE.toNanos();
        long backoffMs = 50;
        while (System.nanoTime() < deadline) {
            String base;
            synchronized (lock) {
                if (closed) return;
                base = bases.get(baseIndex % bases.size());
            }
            WebSocket attempt = null;
            try {
                CompletableFuture<JsonNode> welcome = new CompletableFuture<>();
                WebSocket ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                        .buildAsync(URI.create(base.replaceFirst("^http", "ws") + "/ws"), new Listener(welcome))
                        .get(10, TimeUnit.SECONDS);
                attempt = ws;
                ObjectNode hello = WsClient.hello(token, board, replica, "Client " + replica);
                synchronized (lock) {
                    if (seq >= 0) hello.put("since", seq);
                }
                ws.sendText(hello.toString(), true).get(10, TimeUnit.SECONDS);
                welcome.get(20, TimeUnit.SECONDS);
                synchronized (lock) {
                    note("connected to " + base);
                    socket = ws;
                    currentBase = base;
                    welcomesVia.merge(base, 1, Integer::sum);
                    sending = CompletableFuture.completedFuture(null);
                    connects++;
                    for (ObjectNode frame : unacked.values()) sendRaw(frame.toString());
                }
                return;
            } catch (Exception e) {
                // A session given up on must not go on feeding the replica (a late welcome, its ops).
                if (attempt != null) attempt.abort();
                synchronized (lock) {
                    note("attempt on " + base + " failed: " + e);
                    baseIndex++;
                }
                // Client backoff between attempts, as the web client does; bounded by the deadline.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoffMs));
                backoffMs = Math.min(1000, backoffMs * 2);
            }
        }
        synchronized (lock) {
            problems.add("could not reconnect within " + CONNECT_DEADLINE);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final CompletableFuture<JsonNode> welcome;
        private StringBuilder partial = new StringBuilder();

        Listener(CompletableFuture<JsonNode> welcome) {
            this.welcome = welcome;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial = new StringBuilder();
                try {
                    JsonNode f = WsClient.JSON.readTree(text);
                    String t = f.path("t").asText();
                    if (t.equals("welcome")) {
                        // Applied here, in frame order: frames after the welcome must see its seq.
                        synchronized (lock) {
                            onWelcome(f);
                        }
                        welcome.complete(f);
                    }
                    else if (t.equals("error") && !welcome.isDone()) welcome.completeExceptionally(new IllegalStateException(f.toString()));
                    else onFrame(f);
                } catch (Exception e) {
                    synchronized (lock) {
                        problems.add("bad frame: " + e);
                    }
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            lost(ws, new IllegalStateException("closed " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            lost(ws, error);
        }

        private void lost(WebSocket ws, Throwable why) {
            welcome.completeExceptionally(why);
            boolean reconnect;
            synchronized (lock) {
                reconnect = socket == ws && !closed;
                if (reconnect) socket = null;
            }
            if (reconnect) Thread.ofVirtual().start(ResilientClient.this::connect);
        }
    }

    private void note(String what) {
        if (trail.size() >= 3_000) trail.removeFirst();
        trail.addLast(what);
    }

    private void onWelcome(JsonNode w) {
        note("welcome seq " + w.path("seq").asLong() + (w.has("snapshot") ? " snapshot of " + w.get("snapshot").size() + " items"
                : " catch-up of " + w.path("ops").size() + " ops") + " (had seq " + seq + ")");
        if (w.has("snapshot")) {
            items = new Items();
            w.get("snapshot").fields().forEachRemaining(item -> item.getValue().fields().forEachRemaining(field ->
                    items.apply(new Op(item.getKey(), field.getKey(), field.getValue().get("v").toString(),
                            OpCodec.readStamp(field.getValue().get("s"))))));
            // Own edits not yet acknowledged stay visible (optimistic), as in the web client.
            unacked.values().forEach(this::applyOwn);
        } else {
            w.path("ops").forEach(op -> items.apply(OpCodec.read(op)));
        }
        seq = w.get("seq").asLong();
    }

    private void onFrame(JsonNode f) {
        synchronized (lock) {
            switch (f.path("t").asText()) {
                case "ops" -> {
                    long s = f.get("seq").asLong();
                    note("ops seq " + s + " " + f.get("ops").path(0).path("i").asText("-") + " via " + currentBase);
                    if (s <= seq) problems.add("ops seq " + s + " after seq " + seq + " (a batch seen twice)");
                    if (s > seq + 1 && seq >= 0) problems.add("ops seq " + s + " skipped from " + seq);
                    f.get("ops").forEach(op -> items.apply(OpCodec.read(op)));
                    seq = Math.max(seq, s);
                }
                case "ack" -> {
                    String batch = f.get("batch").asText();
                    long s = f.get("seq").asLong();
                    note("ack " + batch + " seq " + s + " via " + currentBase);
                    if (unacked.remove(batch) != null) {
                        acks.put(batch, s);
                        acksVia.merge(currentBase, 1, Integer::sum);
                    }
                    seq = Math.max(seq, s);
                }
                case "presence" -> peersSeen.add(f.path("replica").asText());
                case "error" -> {
                    // A batch refused for now (ER-3 unavailable, LI-4 rate_limited) stays unacked and is
                    // resent after a pause, as the web client does; anything else is a problem.
                    String code = f.path("code").asText();
                    String batch = f.path("batch").asText(null);
                    if ((code.equals("unavailable") || code.equals("rate_limited")) && batch != null) {
                        refusals.merge(code, 1, Integer::sum);
                        Thread.ofVirtual().start(() -> resendLater(batch));
                    } else if (!code.equals("unavailable")) {
                        problems.add("error " + f);
                    }
                }
                default -> {
                    // errors for a batch (unavailable, rate_limited): it stays unacked and is resent.
                    if (f.path("t").asText().equals("error")) note("error " + f.path("code").asText() + " " + f.path("batch").asText(""));
                }
            }
        }
    }

    private final Map<String, Integer> refusals = new TreeMap<>();

    private void resendLater(String batch) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(RESEND_MS));
        synchronized (lock) {
            ObjectNode frame = unacked.get(batch);
            if (frame != null && !closed) sendRaw(frame.toString());
        }
    }

    /** Batches refused for now, by error code (ER-3 {@code unavailable}, LI-4 {@code rate_limited}). */
    public Map<String, Integer> refusals() {
        synchronized (lock) {
            return Map.copyOf(refusals);
        }
    }

    /** Under the lock. A failed send is not retried here: the reconnect resends what was not acked. */
    private void sendRaw(String text) {
        WebSocket ws = socket;
        if (ws == null) return;
        sending = sending.handle((r, e) -> null).thenCompose(x -> ws.sendText(text, true));
    }

    private void applyOwn(ObjectNode frame) {
        frame.get("ops").forEach(op -> items.apply(OpCodec.read(op)));
    }

    /** Applies a batch locally and sends it; it is resent after a reconnect until acknowledged. */
    public void send(ObjectNode batchFrame) {
        synchronized (lock) {
            unacked.put(batchFrame.get("batch").asText(), batchFrame);
            applyOwn(batchFrame);
            sendRaw(batchFrame.toString());
        }
    }

    public void sendPresence(int x, int y) {
        synchronized (lock) {
            ObjectNode p = WsClient.frame("presence");
            p.putArray("cursor").add(x).add(y);
            sendRaw(p.toString());
        }
    }

    public int unackedCount() {
        synchronized (lock) {
            return unacked.size();
        }
    }

    public Map<String, Long> acks() {
        synchronized (lock) {
            return Map.copyOf(acks);
        }
    }

    /** Welcomes this client got from the node at {@code base}. */
    public int welcomesVia(String base) {
        synchronized (lock) {
            return welcomesVia.getOrDefault(base, 0);
        }
    }

    /** Batches first acknowledged over a socket to the node at {@code base}. */
    public int acksVia(String base) {
        synchronized (lock) {
            return acksVia.getOrDefault(base, 0);
        }
    }

    public long seq() {
        synchronized (lock) {
            return seq;
        }
    }

    public int connects() {
        synchronized (lock) {
            return connects;
        }
    }

    public List<String> problems() {
        synchronized (lock) {
            return List.copyOf(problems);
        }
    }

    /** What this client received, oldest first (at most the last 3,000 entries). */
    public List<String> trail() {
        synchronized (lock) {
            return List.copyOf(trail);
        }
    }

    public Set<String> peersSeen() {
        return Set.copyOf(peersSeen);
    }

    /** The replica as "item/field" → "value json @ stamp", comparable with {@link #canonical(JsonNode)}. */
    public Map<String, String> state() {
        synchronized (lock) {
            Map<String, String> out = new TreeMap<>();
            for (String id : items.itemIds()) {
                for (Map.Entry<String, Register> f : items.item(id).entrySet()) {
                    Register r = f.getValue();
                    out.put(id + "/" + f.getKey(), r.json() + " @ " + r.stamp().ms() + "," + r.stamp().counter() + "," + r.stamp().replica());
                }
            }
            return out;
        }
    }

    /** The REST board view's items in the form of {@link #state()}. */
    public static Map<String, String> canonical(JsonNode restItems) {
        Map<String, String> out = new TreeMap<>();
        restItems.fields().forEachRemaining(item -> item.getValue().fields().forEachRemaining(field -> {
            JsonNode s = field.getValue().get("s");
            out.put(item.getKey() + "/" + field.getKey(), field.getValue().get("v").toString() + " @ "
                    + s.get(0).asLong() + "," + s.get(1).asLong() + "," + s.get(2).asText());
        }));
        return out;
    }

    @Override
    public void close() {
        WebSocket ws;
        synchronized (lock) {
            closed = true;
            ws = socket;
            socket = null;
        }
        if (ws != null) ws.abort();
    }
}
