package be.samenbord.board;

import java.util.Objects;

/**
 * Hybrid-logical-clock stamp {@code [ms, counter, replica]} (rule ST-1). Compared element by
 * element: number, number, then string; the greatest stamp wins a field.
 */
public record Stamp(long ms, long counter, String replica) implements Comparable<Stamp> {

    public Stamp {
        Objects.requireNonNull(replica, "replica");
        if (ms < 0 || counter < 0) {
            throw new IllegalArgumentException("stamp numbers must not be negative");
        }
    }

    @Override
    public int compareTo(Stamp o) {
        int c = Long.compare(ms, o.ms);
        if (c != 0) return c;
        c = Long.compare(counter, o.counter);
        if (c != 0) return c;
        return replica.compareTo(o.replica);
    }

    public boolean isAfter(Stamp o) {
        return compareTo(o) > 0;
    }
}
