package be.samenbord.testkit;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A WebSocket client for long runs (fuzzing, floods): unlike {@link WsClient} it keeps no frames,
 * only what tests ask about: counts per frame type, acked and refused batch ids, the highest
 * {@code ops} seq, the close code, and frames that break the protocol's shape (kept, at most 20).
 */
public final class CountingClient implements AutoCloseable {

    private static final Set<String> SERVER_TYPES = Set.of("welcome", "ack", "ops", "presence", "left", "error", "done");

    private final WebSocket ws;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Map<String, Long> acked = new ConcurrentHashMap<>();
    private final Map<String, String> refused = new ConcurrentHashMap<>();
    private final AtomicLong maxSeq = new AtomicLong(-1);
    private final List<String> violations = new ArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final CompletableFuture<JsonNode> welcome = new CompletableFuture<>();
    private final CompletableFuture<JsonNode> firstError = new CompletableFuture<>();
    private StringBuilder partial = new StringBuilder();

    private CountingClient(HttpClient http, URI uri) {
        this.ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, new Listener()).join();
    }

    public static CountingClient connect(String baseHttpUrl) {
        return new CountingClient(HttpClient.newHttpClient(), URI.create(baseHttpUrl.replaceFirst("^http", "ws") + "/ws"));
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial = new StringBuilder();
                take(text);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            violation("binary frame from the server");
            socket.request(1);
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

    private void take(String text) {
        JsonNode f;
        try {
            f = WsClient.JSON.readTree(text);
        } catch (Exception e) {
            violation("not JSON: " + text);
            return;
        }
        String t = f.path("t").asText("");
        if (!SERVER_TYPES.contains(t)) {
            violation("unknown frame type: " + text);
            return;
        }
        counts.computeIfAbsent(t, k -> new AtomicLong()).incrementAndGet();
        switch (t) {
            case "welcome" -> welcome.complete(f);
            case "ack" -> acked.put(f.path("batch").asText(), f.path("seq").asLong());
            case "ops" -> maxSeq.accumulateAndGet(f.path("seq").asLong(), Math::max);
            case "error" -> {
                if (!f.path("code").isTextual() || !f.path("message").isTextual()) violation("error without code or message: " + text);
                if (f.path("batch").isTextual()) refused.put(f.path("batch").asText(), f.path("code").asText());
                firstError.complete(f);
            }
            default -> {
            }
        }
    }

    private synchronized void violation(String what) {
        if (violations.size() < 20) violations.add(what.length() > 300 ? what.substring(0, 300) + "..." : what);
    }

    /** Sends a text frame and waits until the socket took it. */
    public CountingClient send(String text) {
        ws.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
        return this;
    }

    /** The welcome, or the first error if the hello was refused; waits up to 10 s. */
    public JsonNode helloAnswer() {
        return CompletableFuture.anyOf(welcome, firstError, closed).orTimeout(10, TimeUnit.SECONDS)
                .thenApply(x -> welcome.isDone() ? welcome.join() : firstError.getNow(null)).join();
    }

    public boolean welcomed() {
        return welcome.isDone();
    }

    /** Waits up to {@code timeout} until {@code batch} is acked: its seq, or -1 if refused, closed or not acked in time. */
    public long awaitAck(String batch, Duration timeout) {
        Poll.within(timeout, () -> acked.containsKey(batch) || refused.containsKey(batch) || closed.isDone());
        return acked.getOrDefault(batch, -1L);
    }

    public String refusal(String batch) {
        return refused.get(batch);
    }

    public long count(String type) {
        AtomicLong n = counts.get(type);
        return n == null ? 0 : n.get();
    }

    public long maxOpsSeq() {
        return maxSeq.get();
    }

    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    /** The close code (-1 for a failed socket), or null while open. */
    public Integer closeCode() {
        return closed.getNow(null);
    }

    @Override
    public void close() {
        if (!closed.isDone()) ws.abort();
    }
}
