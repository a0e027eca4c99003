package be.samenbord.sync;

import be.samenbord.board.AcceptedBatch;
import be.samenbord.board.BoardState;
import be.samenbord.board.Op;
import be.samenbord.board.Stamp;
import be.samenbord.store.BatchLog;
import be.samenbord.testkit.Poll;
import be.samenbord.workshop.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Found by ClusterFailoverIT: the cluster's log completes appends out of seq order (callbacks of
 * chained futures run in any order), and a client then saw seq 85 after 86. A {@link BoardHub}
 * over a log whose futures the test completes by hand shows fan-out, acks and welcomes still go
 * out in seq order, and what happens when the log fails.
 */
class OutOfOrderLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String BOARD = "board-ooo";

    private Vertx vertx;
    private HandLog log;
    private final AtomicInteger closed = new AtomicInteger();
    private BoardHub hub;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        log = new HandLog();
        hub = new BoardHub(BOARD, "three-b", CompletableFuture.completedFuture(new BoardState(BOARD, "three-b")),
                ((VertxInternal) vertx).createEventLoopContext(), log, new BoardHub.Hooks() {
            @Override
            public long now() {
                return 1_700_000_000_000L;
            }

            @Override
            public void acked(int ops, long nanos) {
            }

            @Override
            public be.samenbord.facilitation.ControlContext controlContext(BoardHub h, be.samenbord.board.Items items, String actor,
                                                                      java.util.List<be.samenbord.facilitation.ControlContext.Person> connected) {
                throw new UnsupportedOperationException("this test sends no control requests");
            }

            @Override
            public void closed(BoardHub h) {
                closed.incrementAndGet();
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("a log whose completions arrive out of seq order: fan-out, acks and welcome still go out in seq order")
    void outOfOrderCompletionsGoOutInSeqOrder() throws Exception {
        RecordingPeer a = new RecordingPeer("replicaAAA1");
        RecordingPeer b = new RecordingPeer("replicaBBB2");
        hub.join(a, -1);
        hub.join(b, -1);
        a.await("welcome", 1);
        b.await("welcome", 1);

        for (int seq = 1; seq <= 3; seq++) hub.submit(a, "batch-" + seq, List.of(op(a, seq)));
        Poll.until("three appends reach the log", WAIT, () -> log.pending.size() == 3);
        // C joins at seq 3: its welcome must wait until 1..3 are all durable.
        RecordingPeer c = new RecordingPeer("replicaCCC3");
        hub.join(c, -1);

        log.complete(3);
        settle();
        assertEquals(List.of(), b.of("ops"), "seq 3 is durable but 1 and 2 are not: nothing fanned out yet");
        assertEquals(List.of(), a.of("ack"), "and nothing acknowledged");
        assertEquals(List.of(), c.of("welcome"), "and no welcome at seq 3");

        log.complete(1);
        settle();
        assertEquals(List.of(1L), seqs(b.of("ops")));
        assertEquals(List.of(1L), seqs(a.of("ack")));
        assertEquals(List.of(), c.of("welcome"));

        log.complete(2);
        b.await("ops", 3);
        a.await("ack", 3);
        c.await("welcome", 1);
        assertEquals(List.of(1L, 2L, 3L), seqs(b.of("ops")), "B sees ops in seq order");
        assertEquals(List.of(1L, 2L, 3L), seqs(a.of("ack")), "A's acks come in seq order");
        assertEquals(List.of("batch-1", "batch-2", "batch-3"), a.of("ack").stream().map(f -> f.path("batch").asText()).toList());
        assertEquals(List.of(), a.of("ops"), "the sender gets no echo");
        JsonNode welcome = c.of("welcome").getFirst();
        assertEquals(3, welcome.path("seq").asLong());
        assertTrue(welcome.path("snapshot").has("note-1") && welcome.path("snapshot").has("note-3"), welcome.toString());
        assertEquals(List.of(), c.of("ops"), "C's welcome already holds 1..3");
        assertEquals(0, closed.get());
        assertEquals(List.of(), a.closedForRetry);
        assertEquals(3, hub.view().get(10, TimeUnit.SECONDS).seq());
    }

    @Test
    @DisplayName("a failed log write closes every peer for retry; later work answers unavailable")
    void aFailedWriteStopsTheHub() throws Exception {
        RecordingPeer a = new RecordingPeer("replicaAAA1");
        RecordingPeer b = new RecordingPeer("replicaBBB2");
        hub.join(a, -1);
        hub.join(b, -1);
        a.await("welcome", 1);
        b.await("welcome", 1);

        for (int seq = 1; seq <= 3; seq++) hub.submit(a, "batch-" + seq, List.of(op(a, seq)));
        Poll.until("three appends reach the log", WAIT, () -> log.pending.size() == 3);
        log.complete(1);
        a.await("ack", 1);
        b.await("ops", 1);

        log.fail(2);
        Poll.until("the hub shuts down", WAIT, () -> closed.get() == 1);
        assertEquals(List.of("storage failure"), a.closedForRetry);
        assertEquals(List.of("storage failure"), b.closedForRetry);
        assertEquals(List.of(), a.closedForMove);
        assertEquals(1, closed.get(), "the registry is told to forget the hub");
        assertEquals(List.of("batch-2", "batch-3"), a.of("error").stream().map(f -> f.path("batch").asText()).toList(),
                "batches that were not durable are answered unavailable, to be resent");
        assertTrue(a.of("error").stream().allMatch(f -> f.path("code").asText().equals(WireError.UNAVAILABLE)));

        // Seq 3's write finishing after the failure changes nothing: the hub's state is not trusted.
        log.complete(3);
        settle();
        assertEquals(List.of(1L), seqs(a.of("ack")));
        assertEquals(List.of(1L), seqs(b.of("ops")));

        hub.submit(a, "batch-4", List.of(op(a, 4)));
        Poll.until("batch-4 answered", WAIT, () -> a.of("error").size() == 3);
        JsonNode refused = a.of("error").get(2);
        assertEquals(WireError.UNAVAILABLE, refused.path("code").asText());
        assertEquals("batch-4", refused.path("batch").asText());
        assertEquals(3, log.pending.size(), "nothing more is written to the log");

        RecordingPeer late = new RecordingPeer("replicaDDD4");
        hub.join(late, -1);
        Poll.until("late joiner refused", WAIT, () -> !late.closedForRetry.isEmpty());
        assertEquals(List.of(), late.of("welcome"));
        assertEquals(WireError.UNAVAILABLE, late.of("error").getFirst().path("code").asText());
        assertNull(hub.captureForSnapshot(false).get(10, TimeUnit.SECONDS), "no snapshot from a broken hub");
        ExecutionException view = assertThrows(ExecutionException.class, () -> hub.view().get(10, TimeUnit.SECONDS));
        assertTrue(view.getCause() instanceof IllegalStateException, view.toString());
        assertEquals(1, closed.get());
    }

    /** Waits until the hub's context ran everything queued so far (completions hop onto it). */
    private void settle() throws InterruptedException, ExecutionException, TimeoutException {
        hub.captureForSnapshot(false).get(10, TimeUnit.SECONDS);
    }

    private static Op op(RecordingPeer from, int n) {
        return new Op("note-" + n, "text", "\"note " + n + "\"", new Stamp(1_700_000_000_000L + n, 0, from.replica()));
    }

    private static List<Long> seqs(List<JsonNode> frames) {
        return frames.stream().map(f -> f.path("seq").asLong()).toList();
    }

    /** A log whose appends complete when the test says so. */
    private static final class HandLog implements BatchLog {
        final Map<Long, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();

        @Override
        public CompletableFuture<Void> append(String boardId, AcceptedBatch batch) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            if (pending.putIfAbsent(batch.seq(), f) != null) throw new AssertionError("seq " + batch.seq() + " appended twice");
            return f;
        }

        void complete(long seq) {
            pending.get(seq).complete(null);
        }

        void fail(long seq) {
            pending.get(seq).completeExceptionally(new IllegalStateException("seq " + seq + " was given out by another node"));
        }
    }

    /** A session that keeps every frame it is sent, for the test thread to read. */
    private static final class RecordingPeer implements Peer {
        private final String replica;
        final List<String> frames = new CopyOnWriteArrayList<>();
        final List<String> closedForRetry = new CopyOnWriteArrayList<>();
        final List<String> closedForMove = new CopyOnWriteArrayList<>();

        RecordingPeer(String replica) {
            this.replica = replica;
        }

        List<JsonNode> of(String type) {
            return frames.stream().map(RecordingPeer::parse).filter(f -> f.path("t").asText().equals(type)).toList();
        }

        void await(String type, int count) {
            Poll.until(replica + " gets " + count + " " + type + " frame(s)", WAIT, () -> of(type).size() >= count);
        }

        private static JsonNode parse(String frame) {
            try {
                return JSON.readTree(frame);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String replica() {
            return replica;
        }

        @Override
        public String name() {
            return "Peer " + replica;
        }

        @Override
        public Role role() {
            return Role.PARTICIPANT;
        }

        @Override
        public void send(String frame) {
            frames.add(frame);
        }

        @Override
        public void sendDroppable(String frame) {
            frames.add(frame);
        }

        @Override
        public void closeForRetry(String reason) {
            closedForRetry.add(reason);
        }

        @Override
        public void closeForMove(String reason) {
            closedForMove.add(reason);
        }
    }
}
