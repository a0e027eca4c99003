package be.samenbord.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The baseline: a bare Vert.x WebSocket relay speaking the subset of the Samenbord protocol the
 * benchmark uses, with no merge, no validation beyond parsing, and no store. hello → welcome
 * {seq} (peers listed, with {@code since} the ops after it from an in-memory log of the last
 * 20,000 ops per board); ops → a board seq, ack {batch, seq} to the sender and {seq, ops} to
 * every other connection of the board; presence forwarded to the others (dropped to a connection
 * whose write queue is full, as Samenbord thins presence). Two event loops, like Samenbord's
 * default on this machine.
 *
 * <p>{@code java -cp <test classpath> be.samenbord.bench.BareRelay [--port N]} prints
 * {@code READY <port>} once it listens.
 */
public final class BareRelay {

    private static final int LOG_OPS = 20_000;
    private static final Map<String, Board> BOARDS = new ConcurrentHashMap<>();

    private BareRelay() {
    }

    public static void main(String[] args) {
        int port = args.length == 2 && args[0].equals("--port") ? Integer.parseInt(args[1]) : 0;
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        HttpServerOptions options = new HttpServerOptions().setHost("127.0.0.1").setPort(port)
                .setMaxWebSocketFrameSize(1 << 20).setMaxWebSocketMessageSize(1 << 20);
        int[] actual = new int[1];
        vertx.deployVerticle(() -> new VerticleBase() {
            @Override
            public Future<?> start() {
                return vertx.createHttpServer(options).webSocketHandler(Session::new).listen()
                        .onSuccess(s -> actual[0] = s.actualPort());
            }
        }, new DeploymentOptions().setInstances(2)).await();
        System.out.println("READY " + actual[0]);
        System.out.flush();
    }

    private static final class Board {
        final List<Session> sessions = new ArrayList<>();
        final ArrayDeque<long[]> logSeqs = new ArrayDeque<>();
        final ArrayDeque<String> logOps = new ArrayDeque<>();
        long seq;
        int loggedOps;
    }

    private static final class Session {
        private final ServerWebSocket ws;
        private Board board;
        private String replica;
        private String name;

        Session(ServerWebSocket ws) {
            this.ws = ws;
            ws.textMessageHandler(this::onText);
            ws.closeHandler(v -> leave());
        }

        private void onText(String text) {
            JsonObject f;
            try {
                f = new JsonObject(text);
            } catch (RuntimeException e) {
                error("bad_message", "not JSON", null);
                return;
            }
            switch (f.getString("t", "")) {
                case "hello" -> hello(f);
                case "ops" -> ops(f);
                case "presence" -> presence(f);
                default -> error("bad_message", "unknown t", null);
            }
        }

        private void hello(JsonObject f) {
            String id = f.getString("board");
            replica = f.getString("replica");
            name = f.getString("name", "");
            if (id == null || replica == null) {
                error("bad_message", "board and replica are needed", null);
                return;
            }
            Board b = BOARDS.computeIfAbsent(id, k -> new Board());
            Long since = f.getLong("since");
            JsonObject welcome = new JsonObject().put("t", "welcome").put("v", 1).put("board", id).put("role", "participant");
            String presence = new JsonObject().put("t", "presence").put("replica", replica).put("name", name)
                    .putNull("cursor").put("selection", new JsonArray()).encode();
            synchronized (b) {
                welcome.put("seq", b.seq);
                if (since != null && (b.logSeqs.isEmpty() || b.logSeqs.peekFirst()[0] <= since + 1)) {
                    StringBuilder ops = new StringBuilder("[");
                    var seqs = b.logSeqs.iterator();
                    for (String o : b.logOps) {
                        if (seqs.next()[0] <= since) continue;
                        if (ops.length() > 1) ops.append(',');
                        ops.append(o, 1, o.length() - 1);
                    }
                    welcome.put("ops", new JsonArray(ops.append(']').toString()));
                } else {
                    welcome.put("snapshot", new JsonObject());
                }
                JsonArray peers = new JsonArray();
                for (Session s : b.sessions) peers.add(new JsonObject().put("replica", s.replica).put("name", s.name));
                welcome.put("peers", peers).put("time", System.currentTimeMillis());
                ws.writeTextMessage(welcome.encode());
                for (Session s : b.sessions) if (!s.ws.writeQueueFull()) s.ws.writeTextMessage(presence);
                b.sessions.add(this);
                board = b;
            }
        }

        private void ops(JsonObject f) {
            Board b = board;
            String batch = f.getString("batch");
            JsonArray ops = f.getJsonArray("ops");
            if (b == null || batch == null || ops == null || ops.isEmpty()) {
                error(b == null ? "bad_message" : "invalid_op", "hello first, then batch and ops", batch);
                return;
            }
            String opsJson = ops.encode();
            synchronized (b) {
                long seq = ++b.seq;
                String frame = "{\"t\":\"ops\",\"seq\":" + seq + ",\"ops\":" + opsJson + "}";
                for (Session s : b.sessions) if (s != this) s.ws.writeTextMessage(frame);
                ws.writeTextMessage(new JsonObject().put("t", "ack").put("batch", batch).put("seq", seq).encode());
                b.logSeqs.addLast(new long[] {seq, ops.size()});
                b.logOps.addLast(opsJson);
                b.loggedOps += ops.size();
                while (b.loggedOps > LOG_OPS) {
                    b.loggedOps -= (int) b.logSeqs.removeFirst()[1];
                    b.logOps.removeFirst();
                }
            }
        }

        private void presence(JsonObject f) {
            Board b = board;
            if (b == null) return;
            String frame = new JsonObject().put("t", "presence").put("replica", replica).put("name", name)
                    .put("cursor", f.getValue("cursor")).put("selection", f.getValue("selection", new JsonArray())).encode();
            synchronized (b) {
                for (Session s : b.sessions) if (s != this && !s.ws.writeQueueFull()) s.ws.writeTextMessage(frame);
            }
        }

        private void leave() {
            Board b = board;
            if (b == null) return;
            String left = new JsonObject().put("t", "left").put("replica", replica).encode();
            synchronized (b) {
                b.sessions.remove(this);
                for (Session s : b.sessions) if (!s.ws.writeQueueFull()) s.ws.writeTextMessage(left);
            }
        }

        private void error(String code, String message, String batch) {
            JsonObject e = new JsonObject().put("t", "error").put("code", code).put("message", message);
            if (batch != null) e.put("batch", batch);
            ws.writeTextMessage(e.encode());
        }
    }
}
