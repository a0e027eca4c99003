package be.samenbord.store;

/**
 * Delays between attempts to get a failing store writing again: {@code first}, doubling up to
 * {@code max}. Not thread-safe: each store's retry loop owns one.
 */
final class Backoff {

    static final long FIRST_MS = 100;
    static final long MAX_MS = 5_000;

    private final long first;
    private final long max;
    private long next;

    Backoff(long firstMs, long maxMs) {
        if (firstMs <= 0 || maxMs < firstMs) throw new IllegalArgumentException("backoff " + firstMs + ".." + maxMs);
        this.first = firstMs;
        this.max = maxMs;
        this.next = firstMs;
    }

    static Backoff standard() {
        return new Backoff(FIRST_MS, MAX_MS);
    }

    /** The delay before the next attempt; each call doubles the one after. */
    long next() {
        long d = next;
        next = Math.min(max, next * 2);
        return d;
    }

    void reset() {
        next = first;
    }
}
