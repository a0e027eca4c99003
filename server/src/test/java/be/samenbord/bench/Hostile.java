package be.samenbord.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.internal.VertxInternal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * S7's attacker, with one participant link and one address (127.0.0.1): a storm of hellos on one
 * board, each on its own connection that stays open once welcomed, and a ping flood from joined
 * connections that reconnect whenever the node closes them. Bounded: {@code hellos} connections,
 * and the flood stops at {@link #close()} or after {@link #MAX_FLOODER_ROUNDS} reconnects each.
 */
final class Hostile implements AutoCloseable {

    static final int MAX_FLOODER_ROUNDS = 200;
    /** Pings a flooder writes per millisecond tick. */
    static final int PINGS_PER_TICK = 10;

    private final Vertx vertx;
    private final WebSocketClient client;
    private final LoadRun.Endpoint endpoint;
    private final LoadRun.Board board;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<WebSocket> sockets = java.util.Collections.synchronizedList(new ArrayList<>());
    /** By kind: "storm" (the hello storm) or "flood" (the ping flooders' hellos). */
    private final Map<String, LongAdder> hellosSent = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> welcomed = new ConcurrentHashMap<>();
    private final LongAdder pingsSent = new LongAdder();
    private final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> closes = new ConcurrentHashMap<>();
    private final LongAdder flooderCloses = new LongAdder();
    private int replicas;

    Hostile(Vertx vertx, LoadRun.Endpoint endpoint, LoadRun.Board board) {
        this.vertx = vertx;
        this.endpoint = endpoint;
        this.board = board;
        this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(50_000)
                .setMaxFrameSize(16 << 20).setMaxMessageSize(64 << 20).setConnectTimeout(30_000));
    }

    /** Starts {@code count} ping flooders; returns at once. */
    void floodPings(int count) {
        for (int i = 0; i < count; i++) {
            Context ctx = ((VertxInternal) vertx).createEventLoopContext();
            int n = i;
            ctx.runOnContext(v -> flooder(ctx, n, 0));
        }
    }

    private void flooder(Context ctx, int n, int round) {
        if (!running.get() || round >= MAX_FLOODER_ROUNDS) return;
        open("flood-" + n + "-" + round).onComplete(r -> {
            if (r.failed()) {
                vertx.setTimer(100, t -> flooder(ctx, n, round + 1));
                return;
            }
            WebSocket ws = r.result();
            AtomicBoolean up = new AtomicBoolean(true);
            ws.closeHandler(v -> {
                up.set(false);
                flooderCloses.increment();
                count(closes, "flooder " + ws.closeStatusCode());
                vertx.setTimer(100, t -> flooder(ctx, n, round + 1));
            });
            vertx.setPeriodic(1, t -> {
                if (!up.get() || !running.get()) {
                    vertx.cancelTimer(t);
                    return;
                }
                try {
                    for (int k = 0; k < PINGS_PER_TICK && up.get() && !ws.writeQueueFull(); k++) {
                        ws.writePing(Buffer.buffer(new byte[] {1}));
                        pingsSent.increment();
                    }
                } catch (IllegalStateException closed) {
                    // The node closed it before its close handler ran here; the handler reconnects.
                    up.set(false);
                }
            });
        });
    }

    /**
     * Sends {@code count} hellos on the board, each on a new connection, at most {@code inFlight}
     * waiting for their answer at once; returns once all are answered or {@code timeoutMs} passed.
     */
    void helloStorm(int count, int inFlight, long timeoutMs) throws InterruptedException {
        Semaphore slots = new Semaphore(inFlight);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        LongAdder answered = new LongAdder();
        int attempted = 0;
        for (int i = 0; i < count && running.get(); i++) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !slots.tryAcquire(left, TimeUnit.NANOSECONDS)) break;
            attempted++;
            open("storm-" + i).onComplete(r -> {
                answered.increment();
                slots.release();
            });
        }
        while (answered.sum() < attempted && System.nanoTime() < deadline) Thread.sleep(20);
    }

    /** A connection that sends hello; completes with the socket on its welcome, fails on a refusal or close. */
    private Future<WebSocket> open(String tag) {
        io.vertx.core.Promise<WebSocket> answer = io.vertx.core.Promise.promise();
        WebSocketConnectOptions o = new WebSocketConnectOptions().setHost(endpoint.host()).setPort(endpoint.port())
                .setURI(endpoint.path()).setTimeout(30_000);
        String replica;
        synchronized (this) {
            replica = String.format("hostile-%06d", replicas++);
        }
        client.connect(o).onComplete(c -> {
            if (c.failed()) {
                count(refusals, "connect " + c.cause().getClass().getSimpleName());
                answer.tryFail(c.cause());
                return;
            }
            WebSocket ws = c.result();
            sockets.add(ws);
            ws.textMessageHandler(f -> {
                if (f.startsWith("{\"t\":\"welcome\"")) {
                    count(welcomed, kind(tag));
                    answer.tryComplete(ws);
                } else if (f.startsWith("{\"t\":\"error\"")) {
                    count(refusals, kind(tag) + " " + Scan.stringAfter(f, "\"code\":\"", 0));
                    answer.tryFail("refused");
                }
            });
            ws.exceptionHandler(e -> answer.tryFail(e));
            ws.closeHandler(v -> {
                if (kind(tag).equals("storm")) count(closes, "storm " + ws.closeStatusCode());
                answer.tryFail("closed");
            });
            count(hellosSent, kind(tag));
            ws.writeTextMessage("{\"t\":\"hello\",\"v\":1,\"token\":\"" + board.token() + "\",\"board\":\"" + board.id()
                    + "\",\"replica\":\"" + replica + "\",\"name\":\"" + tag + "\"}");
        });
        return answer.future();
    }

    private static String kind(String tag) {
        return tag.startsWith("flood") ? "flood" : "storm";
    }

    private static void count(Map<String, LongAdder> map, String key) {
        map.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /** What the attack did and what became of it. */
    ObjectNode stats() {
        ObjectNode o = Report.JSON.createObjectNode();
        ObjectNode h = o.putObject("hellos_sent");
        hellosSent.forEach((k, v) -> h.put(k, v.sum()));
        ObjectNode w = o.putObject("welcomed");
        welcomed.forEach((k, v) -> w.put(k, v.sum()));
        ObjectNode r = o.putObject("refused");
        refusals.forEach((k, v) -> r.put(k, v.sum()));
        ObjectNode c = o.putObject("closed");
        closes.forEach((k, v) -> c.put(k, v.sum()));
        o.put("pings_sent", pingsSent.sum());
        o.put("flooder_closes", flooderCloses.sum());
        return o;
    }

    void stop() {
        running.set(false);
    }

    @Override
    public void close() {
        stop();
        List<Future<Void>> closing = new ArrayList<>();
        synchronized (sockets) {
            sockets.forEach(ws -> closing.add(ws.close().otherwiseEmpty().mapEmpty()));
        }
        try {
            Future.join(closing).await(15, TimeUnit.SECONDS);
            client.close().await(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("bench: closing the hostile clients: " + LoadRun.shortText(e));
        }
    }
}
