package be.samenbord.sync;

import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One token bucket per client address (rules LI-9, LI-12): what one address may do per second.
 * Buckets that are full again are forgotten, so the map holds only addresses active lately (and
 * at most {@code maxAddresses}: beyond that the least recent are dropped, which only ever lets a
 * client through early). Thread-safe; the nano clock is injected.
 */
public final class AddressRate {

    /** Whether a request may go on, and if not, when to try again. */
    public record Verdict(boolean allowed, long retryAfterNanos) {
    }

    private final double perSecond;
    private final int burst;
    private final LongSupplier nanoClock;
    private final int maxAddresses;
    private final Map<String, RateLimiter> buckets;

    public AddressRate(double perSecond, int burst, LongSupplier nanoClock) {
        this(perSecond, burst, nanoClock, 100_000);
    }

    AddressRate(double perSecond, int burst, LongSupplier nanoClock, int maxAddresses) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.maxAddresses = maxAddresses;
        this.buckets = new java.util.LinkedHashMap<>(256, 0.75f, true);
    }

    /** Takes one token from {@code address}'s bucket. */
    public synchronized Verdict tryAcquire(String address) {
        RateLimiter bucket = buckets.computeIfAbsent(address, a -> new RateLimiter(perSecond, burst, nanoClock));
        if (bucket.tryAcquire()) {
            if (buckets.size() > maxAddresses) forgetQuiet();
            return new Verdict(true, 0);
        }
        return new Verdict(false, bucket.nanosUntilNext());
    }

    /** Drops full buckets, then the least recently used ones down to 3/4 of the bound. */
    private void forgetQuiet() {
        buckets.values().removeIf(RateLimiter::full);
        for (Iterator<RateLimiter> it = buckets.values().iterator(); it.hasNext() && buckets.size() > maxAddresses * 3 / 4; ) {
            it.next();
            it.remove();
        }
    }

    synchronized int addresses() {
        return buckets.size();
    }
}
