package be.samenbord.sync;

import io.vertx.core.Context;

import java.util.function.LongSupplier;

/**
 * The room board's tick (rule FA-13), on the board's owner: waits for the room's next due time
 * (a timer's end, an auto-advancing round's turn end) and then has the hub settle the room. The
 * due time is read from the injected clock; the wait itself is a Vert.x timer of at most
 * {@link #MAX_WAIT_MS}, after which the clock is read again, so a clock step (or a test's clock)
 * is honoured within a second. Runs on the hub's context only.
 */
final class RoomTicker {

    static final long MAX_WAIT_MS = 1_000;

    private final Context context;
    private final LongSupplier now;
    private final Runnable settle;
    private long timer = -1;
    private Long due;

    RoomTicker(Context context, LongSupplier now, Runnable settle) {
        this.context = context;
        this.now = now;
        this.settle = settle;
    }

    /** Waits for {@code dueAt} (server ms) in place of any earlier wait; null: nothing is due. */
    void schedule(Long dueAt) {
        cancel();
        due = dueAt;
        if (dueAt != null) arm();
    }

    void cancel() {
        if (timer >= 0) context.owner().cancelTimer(timer);
        timer = -1;
        due = null;
    }

    private void arm() {
        long wait = Math.max(1, Math.min(MAX_WAIT_MS, due - now.getAsLong()));
        long[] id = new long[1];
        id[0] = context.owner().setTimer(wait, t -> context.runOnContext(v -> fired(id[0])));
        timer = id[0];
    }

    private void fired(long id) {
        if (id != timer || due == null) return;
        timer = -1;
        if (now.getAsLong() >= due) {
            due = null;
            settle.run();
        } else {
            arm();
        }
    }
}
