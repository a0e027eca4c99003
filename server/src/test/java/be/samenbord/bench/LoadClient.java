package be.samenbord.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One benchmark connection speaking the Samenbord protocol: hello, then batches at a fixed rate
 * (open loop: it never waits for acks, so a slow server shows as latency, not as fewer sends) and
 * presence. Everything runs on the connection's event loop. Send times sit in a ring by batch
 * number, where the acks and the other clients' receptions look them up.
 */
final class LoadClient {

    static final int RING = 1024;
    static final long WELCOME_TIMEOUT_MS = 20_000;

    final int index;
    final Workload.Editor editor;
    /** Where the client connects; a redirect (RT-1) moves it to the board's owner. */
    volatile LoadRun.Endpoint endpoint;
    final String board;
    final String token;
    private final LoadRun run;
    private final Vertx vertx;
    private final Context ctx;
    /** [2k] = batch number, [2k+1] = send nanoTime; written by this client's loop, read by any. Made at the first send. */
    private volatile AtomicLongArray ring;
    private volatile WebSocket ws;
    private volatile long seq = -1;
    private volatile boolean open;
    private long batchNo;
    private long editTimer = -1;
    private long presenceTimer = -1;
    private Promise<Void> welcome;
    /** Catch-up and cold-load timing: parse the welcome in full, note when hello went and the welcome was parsed. */
    volatile boolean parseWelcome;
    volatile long helloAt;
    volatile long welcomeParsedAt;
    volatile int welcomeOps = -1;
    volatile int welcomeItems = -1;

    /** {@code ctx}: the event-loop context this client lives on. */
    LoadClient(LoadRun run, Context ctx, int index, Workload.Editor editor, LoadRun.Endpoint endpoint, String board, String token) {
        this.run = run;
        this.ctx = ctx;
        this.vertx = ctx.owner();
        this.index = index;
        this.editor = editor;
        this.endpoint = endpoint;
        this.board = board;
        this.token = token;
    }

    /** Opens the socket and sends hello (with {@code since} when asked); completes on the welcome. */
    Future<Void> connect(WebSocketClient client, boolean withSince) {
        Promise<Void> done = Promise.promise();
        ctx.runOnContext(v -> connectHere(client, withSince).onComplete(done));
        return done.future();
    }

    /** Redirects followed in a row before the hello goes without {@code route} (RT-2). */
    static final int MAX_REDIRECTS = 2;

    /** A hello answered with a redirect to {@code to}. */
    private static final class Redirected extends RuntimeException {
        final LoadRun.Endpoint to;

        Redirected(LoadRun.Endpoint to) {
            super("redirect", null, false, false);
            this.to = to;
        }
    }

    private Future<Void> connectHere(WebSocketClient client, boolean withSince) {
        return connectHere(client, withSince, 0);
    }

    private Future<Void> connectHere(WebSocketClient client, boolean withSince, int redirects) {
        return attempt(client, withSince, run.route() && redirects < MAX_REDIRECTS).recover(e -> {
            if (!(e instanceof Redirected r)) return Future.failedFuture(e);
            run.redirected();
            endpoint = r.to;
            return connectHere(client, withSince, redirects + 1);
        });
    }

    private Future<Void> attempt(WebSocketClient client, boolean withSince, boolean route) {
        WebSocketConnectOptions o = new WebSocketConnectOptions().setHost(endpoint.host()).setPort(endpoint.port())
                .setURI(endpoint.path()).setTimeout(WELCOME_TIMEOUT_MS);
        return client.connect(o).compose(socket -> {
            ws = socket;
            open = true;
            welcome = Promise.promise();
            socket.textMessageHandler(t -> {
                if (ws == socket) onText(t);
            });
            socket.exceptionHandler(e -> {
                if (ws == socket) run.error("socket: " + e.getClass().getSimpleName());
            });
            Promise<Void> mine = welcome;
            socket.closeHandler(v -> {
                // A socket left after a redirect closes later, when the next one is current already.
                if (ws != socket) return;
                if (open) run.error("closed by server " + socket.closeStatusCode());
                open = false;
                if (!mine.future().isComplete()) mine.tryFail("closed before welcome");
            });
            String hello = "{\"t\":\"hello\",\"v\":1,\"token\":\"" + token + "\",\"board\":\"" + board + "\",\"replica\":\""
                    + editor.replica + "\",\"name\":\"Bench " + index + "\"" + (withSince && seq >= 0 ? ",\"since\":" + seq : "")
                    + (route ? ",\"caps\":[\"route\"]" : "") + "}";
            helloAt = System.nanoTime();
            socket.writeTextMessage(hello);
            Promise<Void> w = welcome;
            long timer = vertx.setTimer(WELCOME_TIMEOUT_MS, t -> w.tryFail("no welcome within " + WELCOME_TIMEOUT_MS / 1000 + " s"));
            return w.future().onComplete(x -> vertx.cancelTimer(timer));
        });
    }

    /** Starts sending batches at {@code rate} per second and presence at {@code presenceHz} (0 = none). */
    void startTraffic(double rate, double presenceHz, long seed) {
        WebSocket socket = ws;
        if (socket == null) return;
        // On the socket's own loop, with a random phase so clients do not send in lockstep.
        ctx.runOnContext(v -> {
            java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
            if (rate > 0) {
                long period = Math.max(1, Math.round(1000 / rate));
                editTimer = vertx.setPeriodic(1 + r.nextLong(period), period, t -> sendBatch());
            }
            if (presenceHz > 0) {
                long period = Math.max(1, Math.round(1000 / presenceHz));
                presenceTimer = vertx.setPeriodic(1 + r.nextLong(period), period, t -> sendPresence());
            }
        });
    }

    void stopTraffic() {
        ctx.runOnContext(v -> {
            if (editTimer >= 0) vertx.cancelTimer(editTimer);
            if (presenceTimer >= 0) vertx.cancelTimer(presenceTimer);
            editTimer = presenceTimer = -1;
        });
    }

    /** Runs {@code r} on this client's event loop. */
    void runOn(Runnable r) {
        ctx.runOnContext(v -> r.run());
    }

    /** Sends one batch of the mix now (on this client's loop). */
    void sendBatch() {
        sendFrame(editor.batch(batchNo));
    }

    /** Sends a prepared batch frame; its batch number must be {@link #nextBatchNo()}. */
    void sendFrame(String frame) {
        WebSocket socket = ws;
        if (socket == null || !open) return;
        long no = batchNo++;
        int slot = (int) (no % RING) * 2;
        AtomicLongArray ring = this.ring;
        if (ring == null) this.ring = ring = new AtomicLongArray(RING * 2);
        ring.set(slot + 1, System.nanoTime());
        ring.set(slot, no);
        run.sent(this);
        socket.writeTextMessage(frame).onFailure(e -> run.error("send: " + e.getClass().getSimpleName()));
    }

    long nextBatchNo() {
        return batchNo;
    }

    private void sendPresence() {
        WebSocket socket = ws;
        if (socket == null || !open) return;
        socket.writeTextMessage(editor.presence());
        run.presenceSent();
    }

    /** The send time of batch {@code no}, or -1 when it is no longer in the ring. */
    long sentAt(long no) {
        AtomicLongArray ring = this.ring;
        if (ring == null) return -1;
        int slot = (int) (no % RING) * 2;
        long nanos = ring.get(slot + 1);
        return ring.get(slot) == no ? nanos : -1;
    }

    private void onText(String f) {
        long now = System.nanoTime();
        if (f.startsWith("{\"t\":\"presence\"")) {
            run.presenceReceived();
        } else if (f.startsWith("{\"t\":\"ops\"")) {
            seq = Math.max(seq, Scan.longAfter(f, "\"seq\":", 0));
            run.opsReceived(this, f, now);
        } else if (f.startsWith("{\"t\":\"ack\"")) {
            seq = Math.max(seq, Scan.longAfter(f, "\"seq\":", 0));
            long no = Scan.batchNo(f);
            long at = no < 0 ? -1 : sentAt(no);
            run.ackReceived(at < 0 ? -1 : now - at);
        } else if (f.startsWith("{\"t\":\"welcome\"")) {
            seq = Math.max(seq, Scan.longAfter(f, "\"seq\":", 0));
            if (parseWelcome) parseWelcome(f);
            if (welcome != null) welcome.tryComplete();
        } else if (f.startsWith("{\"t\":\"redirect\"")) {
            // The node closes the socket after this: not an error.
            open = false;
            String url = Scan.stringAfter(f, "\"url\":\"", 0);
            LoadRun.Endpoint here = endpoint;
            LoadRun.Endpoint to = url.startsWith("/") ? new LoadRun.Endpoint(here.host(), here.port(), url + "/ws") : LoadRun.Endpoint.ofHttp(url);
            if (welcome != null) welcome.tryFail(new Redirected(to));
        } else if (f.startsWith("{\"t\":\"error\"")) {
            String code = Scan.stringAfter(f, "\"code\":\"", 0);
            run.error("error frame " + code);
            if (welcome != null && !welcome.future().isComplete()) welcome.tryFail("hello refused: " + f);
        }
    }

    private void parseWelcome(String f) {
        try {
            com.fasterxml.jackson.databind.JsonNode w = Report.JSON.readTree(f);
            welcomeOps = w.has("ops") ? w.get("ops").size() : -1;
            welcomeItems = w.has("snapshot") ? w.get("snapshot").size() : -1;
        } catch (java.io.IOException e) {
            run.error("welcome: " + e.getClass().getSimpleName());
        }
        welcomeParsedAt = System.nanoTime();
    }

    long seq() {
        return seq;
    }

    boolean isOpen() {
        return open;
    }

    /** Closes the socket on purpose (not counted as an error). */
    Future<Void> close() {
        open = false;
        stopTraffic();
        WebSocket socket = ws;
        ws = null;
        if (socket == null) return Future.succeededFuture();
        return socket.close().otherwiseEmpty().mapEmpty();
    }
}
