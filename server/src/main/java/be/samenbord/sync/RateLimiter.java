package be.samenbord.sync;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code perSecond} tokens a second on average, bursts up to {@code burst}. Used
 * per connection for frames (rule LI-4) and per client address for hellos and workshop creation
 * ({@link AddressRate}). The nano clock is injected so tests control time. Not thread-safe.
 */
public final class RateLimiter {

    private final double perNano;
    private final double burst;
    private final LongSupplier nanoClock;
    private double tokens;
    private long last;

    public RateLimiter(double perSecond, int burst, LongSupplier nanoClock) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.last = nanoClock.getAsLong();
    }

    /** Takes one token; false when the bucket is empty. */
    public boolean tryAcquire() {
        refill();
        if (tokens < 1) return false;
        tokens -= 1;
        return true;
    }

    /** Nanoseconds until the next token (0 when there is one now). */
    public long nanosUntilNext() {
        refill();
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perNano);
    }

    /** True when the bucket is full again: the client has been quiet long enough to forget it. */
    boolean full() {
        refill();
        return tokens >= burst;
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
    }
}
