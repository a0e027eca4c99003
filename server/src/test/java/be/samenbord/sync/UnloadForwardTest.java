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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rule ME-1 at the hub: an idle hub unloads only when nothing depends on its state, and a call
 * that still reaches it (looked up just before the unload) goes, in order, to the hub that loaded
 * the board again, so nothing is accepted against the dropped state and no seq is given twice.
 */
class UnloadForwardTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String BOARD = "board-unload";

    private Vertx vertx;
    /** The store: every batch appended, in order; completes at once. */
    private final List<AcceptedBatch> stored = new CopyOnWriteArrayList<>();
    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private final AtomicReference<BoardHub> current = new AtomicReference<>();
    private final AtomicInteger loads = new AtomicInteger();
    private BoardHub.Hooks hooks;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        BatchLog log = (board, batch) -> {
            for (AcceptedBatch b : stored) {
                if (b.seq() == batch.seq()) throw new AssertionError("seq " + batch.seq() + " stored twice");
            }
            stored.add(batch);
            return CompletableFuture.completedFuture(null);
        };
        hooks = new BoardHub.Hooks() {
            @Override
            public long now() {
                return clock.get();
            }

            @Override
            public void acked(int ops, long nanos) {
            }

            @Override
            public be.samenbord.facilitation.ControlContext controlContext(BoardHub h, be.samenbord.board.Items items, String actor,
                                                                      List<be.samenbord.facilitation.ControlContext.Person> connected) {
                throw new UnsupportedOperationException("no control requests here");
            }

            @Override
            public void closed(BoardHub h) {
                current.compareAndSet(h, null);
            }

            @Override
            public BoardHub successor(BoardHub unloaded, boolean load) {
                if (!load) return current.get();
                return current.updateAndGet(h -> h != null ? h : hub(log));
            }
        };
        current.set(hub(log));
    }

    /** A hub whose state is loaded from what was stored, as the registry's source does. */
    private BoardHub hub(BatchLog log) {
        loads.incrementAndGet();
        BoardState state = new BoardState(BOARD, "three-b");
        stored.forEach(state::replay);
        return new BoardHub(BOARD, "three-b", CompletableFuture.completedFuture(state),
                ((VertxInternal) vertx).createEventLoopContext(), log, hooks);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("ME-1, OP-4: calls queued on a hub as it unloads reach the reloaded hub in order: welcome, new batch, resend as duplicate")
    void callsAfterUnloadGoToTheReloadedHub() throws Exception {
        BoardHub first = current.get();
        Recording a = new Recording("replicaAAA1");
        first.join(a, -1);
        a.await("welcome", 1);
        for (int i = 1; i <= 3; i++) first.submit(a, "a-" + i, List.of(op(a, i)));
        a.await("ack", 3);
        first.leave(a);
        first.captureForSnapshot(false).get(10, TimeUnit.SECONDS); // the leave has run (a snapshot is no use)
        clock.addAndGet(1_000);

        // Queued behind the unload on the same context, as a session that looked the hub up just before.
        first.unloadIfIdle(500);
        Recording b = new Recording("replicaBBB2");
        first.join(b, -1);
        first.submit(b, "b-1", List.of(op(b, 4)));
        first.submit(a, "a-2", List.of(op(a, 2)));
        b.await("welcome", 1);
        b.await("ack", 1);
        a.await("ack", 4);

        BoardHub second = current.get();
        assertNotSame(first, second, "the unloaded hub left; the board was loaded again");
        assertEquals(2, loads.get());
        JsonNode welcome = b.of("welcome").getFirst();
        assertEquals(3, welcome.path("seq").asLong());
        assertTrue(welcome.path("snapshot").has("note-1") && welcome.path("snapshot").has("note-3"), welcome.toString());
        assertEquals(4, b.of("ack").getFirst().path("seq").asLong(), "seqs go on from the stored ones");
        assertEquals(2, a.of("ack").get(3).path("seq").asLong(), "a resend is a duplicate with its first seq");
        assertEquals(List.of(1L, 2L, 3L, 4L), stored.stream().map(AcceptedBatch::seq).toList());
        assertEquals(4, first.view().get(10, TimeUnit.SECONDS).seq(), "even a late REST read of the old hub sees the board now");
    }

    @Test
    @DisplayName("ME-1: a hub with a session, or not idle long enough, does not unload")
    void busyHubsStay() throws Exception {
        BoardHub hub = current.get();
        Recording a = new Recording("replicaAAA1");
        hub.join(a, -1);
        a.await("welcome", 1);
        clock.addAndGet(10_000);
        hub.unloadIfIdle(500);
        hub.submit(a, "a-1", List.of(op(a, 1)));
        a.await("ack", 1);
        assertSame(hub, current.get(), "a session keeps it");
        hub.leave(a);
        hub.captureForSnapshot(false).get(10, TimeUnit.SECONDS);
        hub.unloadIfIdle(500);
        assertEquals(1, hub.view().get(10, TimeUnit.SECONDS).seq());
        assertSame(hub, current.get(), "used just now: not idle yet");
        clock.addAndGet(600);
        hub.unloadIfIdle(500);
        Poll.until("the hub unloads", WAIT, () -> current.get() != hub);
        assertEquals(1, loads.get(), "nothing used it since: nothing loaded it again");
    }

    private static Op op(Recording from, int n) {
        return new Op("note-" + n, "text", "\"note " + n + "\"", new Stamp(1_700_000_000_000L + n, 0, from.replica()));
    }

    /** A session that keeps every frame it is sent. */
    private static final class Recording implements Peer {
        private final String replica;
        final List<String> frames = new CopyOnWriteArrayList<>();

        Recording(String replica) {
            this.replica = replica;
        }

        List<JsonNode> of(String type) {
            List<JsonNode> out = new ArrayList<>();
            for (String f : frames) {
                try {
                    JsonNode n = JSON.readTree(f);
                    if (n.path("t").asText().equals(type)) out.add(n);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return out;
        }

        void await(String type, int count) {
            Poll.until(replica + " gets " + count + " " + type, WAIT, () -> of(type).size() >= count);
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
            frames.add("{\"t\":\"closed\"}");
        }

        @Override
        public void closeForMove(String reason) {
            frames.add("{\"t\":\"closed\"}");
        }
    }
}
