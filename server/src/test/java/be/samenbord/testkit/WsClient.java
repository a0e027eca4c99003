package be.samenbord.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real WebSocket client (the JDK's) for tests: records every frame it receives, can stop
 * reading to play a slow consumer, and reports the close code.
 */
public final class WsClient implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final Duration WAIT = Duration.ofSeconds(10);

    private final List<JsonNode> received = new ArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket ws;
    private volatile boolean reading = true;
    private StringBuilder partial = new StringBuilder();
    private int cursor;

    private WsClient(HttpClient http, URI uri) {
        this.ws = http.newWebSocketBuilder().connectTimeout(WAIT).buildAsync(uri, new Listener()).join();
    }

    public static WsClient connect(String baseHttpUrl) {
        HttpClient http = HttpClient.newHttpClient();
        return new WsClient(http, URI.create(baseHttpUrl.replaceFirst("^http", "ws") + "/ws"));
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial = new StringBuilder();
                try {
                    JsonNode node = JSON.readTree(text);
                    synchronized (received) {
                        received.add(node);
                        received.notifyAll();
                    }
                } catch (Exception e) {
                    closed.completeExceptionally(e);
                }
            }
            if (reading) socket.request(1);
            return null;
        }

        /** The JDK answers pings by itself; without demand it stops reading, so it stops answering too. */
        @Override
        public CompletionStage<?> onPing(WebSocket socket, java.nio.ByteBuffer message) {
            if (reading) socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed.complete(-1);
        }
    }

    public WsClient send(String text) {
        ws.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
        return this;
    }

    /** One fragment of a text message ({@code last}: the final one). */
    public WsClient sendFragment(String text, boolean last) {
        ws.sendText(text, last).orTimeout(10, TimeUnit.SECONDS).join();
        return this;
    }

    /** A ping frame; false once the socket no longer takes any. */
    public boolean ping() {
        try {
            ws.sendPing(java.nio.ByteBuffer.wrap(new byte[] {1})).orTimeout(10, TimeUnit.SECONDS).join();
            return true;
        } catch (java.util.concurrent.CompletionException | IllegalStateException e) {
            return false;
        }
    }

    public WsClient send(JsonNode frame) {
        return send(frame.toString());
    }

    public static ObjectNode frame(String type) {
        return JSON.createObjectNode().put("t", type);
    }

    /** A facilitation request (rule FA-8). */
    public static ObjectNode control(String request, String action) {
        return frame("control").put("request", request).put("action", action);
    }

    /** The ops frame of {@code seq}, waiting for it. */
    public JsonNode opsAt(long seq) {
        return next(f -> f.path("t").asText().equals("ops") && f.path("seq").asLong() == seq);
    }

    public static ObjectNode hello(String token, String board, String replica, String name) {
        return frame("hello").put("v", 1).put("token", token).put("board", board).put("replica", replica).put("name", name);
    }

    /** A hello that asks to be sent on to the board's owner (caps ["route"], RT-1). */
    public static ObjectNode routedHello(String token, String board, String replica, String name) {
        ObjectNode hello = hello(token, board, replica, name);
        hello.putArray("caps").add("route");
        return hello;
    }

    /** Sends hello and waits for the welcome (fails on an error frame). */
    public JsonNode join(String token, String board, String replica, String name) {
        send(hello(token, board, replica, name));
        JsonNode reply = next(f -> f.path("t").asText().equals("welcome") || f.path("t").asText().equals("error"));
        if (!reply.path("t").asText().equals("welcome")) throw new AssertionError("hello refused: " + reply);
        return reply;
    }

    /** The next received frame (after the last one returned) that matches, waiting up to 10 s. */
    public JsonNode next(Predicate<JsonNode> match) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        synchronized (received) {
            while (true) {
                while (cursor < received.size()) {
                    JsonNode f = received.get(cursor++);
                    if (match.test(f)) return f;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new AssertionError("no matching frame within " + WAIT + "; received " + received);
                try {
                    received.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    public JsonNode next(String type) {
        return next(f -> f.path("t").asText().equals(type));
    }

    /** The next error frame; fails if it does not carry {@code code}. */
    public JsonNode nextError(String code) {
        JsonNode e = next("error");
        if (!e.path("code").asText().equals(code)) throw new AssertionError("expected error " + code + " but got " + e);
        if (!e.path("message").isTextual() || e.path("message").asText().isBlank()) throw new AssertionError("error without message: " + e);
        return e;
    }

    /** Every frame received so far (a copy). */
    public List<JsonNode> all() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    public long count(Predicate<JsonNode> match) {
        return all().stream().filter(match).count();
    }

    /** Stops reading from the socket: the server's writes back up (slow consumer). */
    public void stopReading() {
        reading = false;
    }

    public int awaitClose() {
        return closed.orTimeout(20, TimeUnit.SECONDS).join();
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            ws.abort();
        }
    }
}
