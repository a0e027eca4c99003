package be.samenbord.board;

import java.util.function.LongSupplier;

/**
 * Hybrid logical clock for one replica (rule ST-3): stamps are strictly increasing even when the
 * wall clock stalls or steps back, and stay ahead of every stamp this replica has observed.
 * The wall clock is injected so tests control time.
 */
public final class HybridLogicalClock {

    private final String replica;
    private final LongSupplier wallClock;
    private long lastMs;
    private long lastCounter;

    public HybridLogicalClock(String replica, LongSupplier wallClock) {
        this.replica = replica;
        this.wallClock = wallClock;
    }

    public synchronized Stamp next() {
        long now = wallClock.getAsLong();
        if (now > lastMs) {
            lastMs = now;
            lastCounter = 0;
        } else {
            lastCounter++;
        }
        return new Stamp(lastMs, lastCounter, replica);
    }

    /** Moves the clock past a stamp seen from elsewhere. */
    public synchronized void observe(Stamp seen) {
        if (seen.ms() > lastMs) {
            lastMs = seen.ms();
            lastCounter = seen.counter();
        } else if (seen.ms() == lastMs && seen.counter() > lastCounter) {
            lastCounter = seen.counter();
        }
    }
}
