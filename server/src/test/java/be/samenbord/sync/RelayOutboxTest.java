package be.samenbord.sync;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The relay's batching between nodes (ARCHITECTURE "Cluster"): wire form, gathering, order. */
class RelayOutboxTest {

    static Vertx vertx;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        vertx.eventBus().registerDefaultCodec(RelayBatch.class, new RelayBatch.Codec());
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("the wire form gives back every item, nulls and non-ASCII text included")
    void roundTrip() {
        List<RelayBatch.Item> items = new ArrayList<>();
        RelayBatch.Item fanOut = RelayBatch.Item.of(RelayBatch.SEND, "n1/1", "{\"t\":\"ops\",\"text\":\"héllo ✓\"}", null);
        fanOut.conns().add("n1/2");
        items.add(fanOut);
        items.add(RelayBatch.Item.close("n1/3", Connection.CLOSE_RESTART, "moved"));
        items.add(RelayBatch.Item.of(RelayBatch.PRESENCE, "n1/4", null, "[\"a\"]"));
        Buffer wire = Buffer.buffer("prefix");
        new RelayBatch.Codec().encodeToWire(wire, new RelayBatch(items));
        RelayBatch back = new RelayBatch.Codec().decodeFromWire(6, wire);
        assertEquals(items, back.items);
        assertEquals(Connection.CLOSE_RESTART, back.items.get(1).code());
        assertNull(back.items.get(2).text());
    }

    @Test
    @DisplayName("one event-loop turn: one message per address, items in order, one item per fan-out")
    void gathers() throws Exception {
        LinkedBlockingQueue<RelayBatch> a = listen("test.a");
        LinkedBlockingQueue<RelayBatch> b = listen("test.b");
        RelayOutbox outbox = new RelayOutbox(vertx.eventBus());
        CompletableFuture<Void> done = new CompletableFuture<>();
        vertx.runOnContext(v -> {
            String frame = "{\"t\":\"presence\"}";
            outbox.add("test.a", RelayBatch.Item.of(RelayBatch.SEND, "x/1", "{\"t\":\"ops\",\"seq\":1}", null));
            outbox.add("test.a", RelayBatch.Item.of(RelayBatch.SEND_DROPPABLE, "x/1", frame, null));
            outbox.add("test.b", RelayBatch.Item.of(RelayBatch.SEND_DROPPABLE, "y/1", frame, null));
            outbox.add("test.a", RelayBatch.Item.of(RelayBatch.SEND_DROPPABLE, "x/2", frame, null));
            outbox.add("test.a", RelayBatch.Item.of(RelayBatch.SEND, "x/2", "{\"t\":\"ops\",\"seq\":2}", null));
            done.complete(null);
        });
        done.get(10, TimeUnit.SECONDS);
        RelayBatch toA = a.poll(10, TimeUnit.SECONDS);
        assertNotNull(toA);
        assertEquals(3, toA.items.size(), "the presence frame to x/1 and x/2 is one item");
        assertEquals(List.of("x/1"), toA.items.get(0).conns());
        assertEquals(List.of("x/1", "x/2"), toA.items.get(1).conns());
        assertEquals("{\"t\":\"ops\",\"seq\":2}", toA.items.get(2).text());
        assertEquals(List.of("y/1"), b.poll(10, TimeUnit.SECONDS).items.getFirst().conns());
        assertNull(a.poll(200, TimeUnit.MILLISECONDS), "nothing more: it all went in one message");
    }

    @Test
    @DisplayName("off an event loop an item goes at once, alone")
    void offLoop() throws Exception {
        LinkedBlockingQueue<RelayBatch> c = listen("test.c");
        new RelayOutbox(vertx.eventBus()).add("test.c", RelayBatch.Item.of(RelayBatch.LEAVE, "z/1", null, null));
        RelayBatch got = c.poll(10, TimeUnit.SECONDS);
        assertNotNull(got);
        assertEquals(RelayBatch.LEAVE, got.items.getFirst().kind());
    }

    private static LinkedBlockingQueue<RelayBatch> listen(String address) throws Exception {
        LinkedBlockingQueue<RelayBatch> q = new LinkedBlockingQueue<>();
        vertx.eventBus().<RelayBatch>consumer(address, m -> q.add(m.body())).completion().await(10, TimeUnit.SECONDS);
        return q;
    }
}
