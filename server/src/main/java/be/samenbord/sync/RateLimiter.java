package be.samenbord.sync;

import java.util.function.LongSupplier;

/**
 * Token bucket per connection (rule LI-4): {@code perSecond} frames a second on average, bursts up
 * to {@code burst}. The nano clock is injected so tests control time.
 */
final class RateLimiter {

    private final double perNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private double tokens;
    private long last;

    RateLimiter(int perSecond, int burst, LongSupplier nanoClock) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.last = nanoClock.getAsLong();
    }

    /** Takes one token; false when the bucket is empty. */
    boolean tryAcquire() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens < 1) return false;
        tokens -= 1;
        return true;
    }
}
