package be.samenbord.cluster;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.Poll;
import be.samenbord.testkit.ResilientClient;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients that each stream note-creating batches to a board (at most {@code window} unacknowledged
 * at a time, at most {@code perClient} batches, at most 120 s), then the checks every failover test
 * makes: every acknowledged batch is on the board, no batch was applied twice, all replicas equal.
 */
final class Streamers implements AutoCloseable {

    private static final Duration MAX_STREAM = Duration.ofSeconds(120);

    record Stream(String board, String token, ResilientClient client, String prefix) {
    }

    private final List<Stream> streams = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A client on {@code board} starting at node {@code firstBase} of {@code bases}, streaming until stopped. */
    void add(List<String> bases, int firstBase, String token, String board, String prefix, int perClient, int window) {
        add(bases, firstBase, token, board, prefix, perClient, window, 0);
    }

    /** As above, with a pause of {@code pauseMs} after each batch sent (keeps a long stream's CPU modest). */
    void add(List<String> bases, int firstBase, String token, String board, String prefix, int perClient, int window, long pauseMs) {
        ResilientClient client = new ResilientClient(bases, firstBase, token, board, "replica-" + prefix).start();
        streams.add(new Stream(board, token, client, prefix));
        OpsBuilder ops = new OpsBuilder("replica-" + prefix);
        Thread t = Thread.ofPlatform().name("stream-" + prefix).start(() -> {
            long deadline = System.nanoTime() + MAX_STREAM.toNanos();
            for (int i = 0; i < perClient && !stop.get() && System.nanoTime() < deadline; ) {
                if (client.unackedCount() < window) {
                    client.send(ops.note(prefix + "-" + i, "n-" + prefix + "-" + i, "tekst " + prefix + " " + i, "south"));
                    i++;
                    if (pauseMs > 0) LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pauseMs));
                } else {
                    // Client-side flow control: wait for acks before sending more.
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
            }
        });
        t.setUncaughtExceptionHandler((th, e) -> failures.add(th.getName() + ": " + e));
        threads.add(t);
    }

    List<Stream> streams() {
        return streams;
    }

    /** Fails the test at once when a streaming thread died, instead of waiting for acks that never come. */
    int totalAcks() {
        assertTrue(failures.isEmpty(), "streaming failed: " + failures);
        return streams.stream().mapToInt(s -> s.client().acks().size()).sum();
    }

    /** Stops sending new batches (those sent are still resent until acknowledged). */
    void stopSending() {
        stop.set(true);
    }

    /** Waits until every client sent what it would and has nothing unacknowledged left. */
    void awaitAllAcked(Duration timeout) throws InterruptedException {
        for (Thread t : threads) t.join(timeout.toMillis());
        assertTrue(failures.isEmpty(), "streaming failed: " + failures);
        Poll.until("every batch acknowledged", timeout, () -> streams.stream().allMatch(s -> s.client().unackedCount() == 0));
    }

    /**
     * For each board: every acknowledged batch's note is there with its text, the board's seq is
     * exactly the number of batches acknowledged (none applied twice), and every client's replica
     * equals the board. Returns the number of acknowledged batches.
     */
    int verify(String liveBase) {
        int total = 0;
        for (Stream s : streams) {
            Map<String, Long> acks = s.client().acks();
            // Right after members change, a board may have no owner for a moment (answer 500): ask again.
            Api.Reply[] reply = new Api.Reply[1];
            Poll.until("board " + s.board() + " served by " + liveBase, Duration.ofSeconds(30), () -> {
                reply[0] = new Api(liveBase).get("/api/boards/" + s.board(), s.token());
                return reply[0].status() == 200;
            });
            JsonNode view = reply[0].body();
            JsonNode items = view.path("items");
            for (String batch : acks.keySet()) {
                String i = batch.substring(s.prefix().length() + 1);
                assertEquals("tekst " + s.prefix() + " " + i, items.path("n-" + batch).path("text").path("v").asText(),
                        "acknowledged batch " + batch + " (seq " + acks.get(batch) + ") lost on " + liveBase + ", whose board " + s.board()
                                + " is at seq " + view.path("seq").asLong());
            }
            long boardBatches = streams.stream().filter(o -> o.board().equals(s.board())).mapToLong(o -> o.client().acks().size()).sum();
            assertEquals(boardBatches, view.path("seq").asLong(), "seq of board " + s.board() + " = batches acknowledged on it");
            long seq = view.path("seq").asLong();
            Poll.until("client " + s.prefix() + " caught up to seq " + seq, Duration.ofSeconds(30), () -> s.client().seq() >= seq);
            // Problems first: a skipped or repeated seq explains a replica that differs.
            assertTrue(s.client().problems().isEmpty(), "client " + s.prefix() + ": " + s.client().problems());
            String differs = difference(ResilientClient.canonical(items), s.client().state());
            if (!differs.isEmpty()) {
                System.out.println("Streamers: what client " + s.prefix() + " received (board " + s.board() + " at seq " + seq + "):");
                s.client().trail().forEach(t -> System.out.println("  " + t));
            }
            assertEquals("", differs, "replica of " + s.prefix() + " differs from the board");
            total += acks.size();
        }
        return total;
    }

    /** The first few fields where two states differ, or "" when equal (a full dump would be megabytes). */
    static String difference(Map<String, String> board, Map<String, String> replica) {
        StringBuilder out = new StringBuilder();
        java.util.TreeSet<String> keys = new java.util.TreeSet<>(board.keySet());
        keys.addAll(replica.keySet());
        int shown = 0;
        for (String k : keys) {
            if (java.util.Objects.equals(board.get(k), replica.get(k))) continue;
            if (shown++ < 8) out.append(k).append(": board ").append(board.get(k)).append(" / replica ").append(replica.get(k)).append('\n');
        }
        if (shown > 8) out.append("... ").append(shown).append(" fields differ");
        return out.toString();
    }

    int reconnects() {
        return streams.stream().mapToInt(s -> s.client().connects() - 1).sum();
    }

    @Override
    public void close() {
        stop.set(true);
        streams.forEach(s -> s.client().close());
    }
}
