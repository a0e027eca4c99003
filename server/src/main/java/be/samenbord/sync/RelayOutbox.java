package be.samenbord.sync;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gathers relay items per event-loop thread and destination address, and sends each address
 * what it gathered as one {@link RelayBatch} once the thread is done with the work queued before
 * the first item. With one event-bus message per session and frame, each node of a 3-node cluster
 * would send about 14,000 messages a second at the benchmark's S1 rates (presence at 10 Hz); the
 * bus fell behind until its connections were declared dead (see BENCHMARKS.md, "Profile and fix").
 *
 * <p>Order: a board or a connection runs on one event-loop thread, so its items enter one list in
 * the order it made them, and one thread's messages leave in the order it sent them. Items of one
 * fan-out go out as one item naming every session on that node ({@link #add} merges them).
 */
final class RelayOutbox {

    private final EventBus bus;
    /** Per event-loop thread: address → items, in the order the addresses were first used. */
    private final ThreadLocal<Map<String, List<RelayBatch.Item>>> pending = ThreadLocal.withInitial(LinkedHashMap::new);

    RelayOutbox(EventBus bus) {
        this.bus = bus;
    }

    /** Queues {@code item} for {@code address}; sent at once when not called on an event loop. */
    void add(String address, RelayBatch.Item item) {
        Context ctx = Vertx.currentContext();
        if (ctx == null || !ctx.isEventLoopContext() || !Context.isOnEventLoopThread()) {
            // A worker or foreign thread may run each task on another thread: nothing to gather with.
            bus.send(address, new RelayBatch(List.of(item)));
            return;
        }
        Map<String, List<RelayBatch.Item>> mine = pending.get();
        if (mine.isEmpty()) ctx.runOnContext(v -> flush());
        List<RelayBatch.Item> items = mine.computeIfAbsent(address, a -> new ArrayList<>());
        if (!items.isEmpty() && item.conns().size() == 1 && (item.kind() == RelayBatch.SEND || item.kind() == RelayBatch.SEND_DROPPABLE)) {
            RelayBatch.Item last = items.getLast();
            // The same frame object to another session on that node: one item, one copy of the frame.
            if (last.kind() == item.kind() && last.text() == item.text()) {
                last.conns().add(item.conns().getFirst());
                return;
            }
        }
        items.add(item);
    }

    /** Sends what this thread gathered now, e.g. before a request that must not overtake it. */
    void flush() {
        Map<String, List<RelayBatch.Item>> mine = pending.get();
        if (mine.isEmpty()) return;
        List<Map.Entry<String, List<RelayBatch.Item>>> out = new ArrayList<>(mine.entrySet());
        mine.clear();
        for (Map.Entry<String, List<RelayBatch.Item>> e : out) bus.send(e.getKey(), new RelayBatch(e.getValue()));
    }
}
