package be.samenbord.board.text;

import java.util.Objects;

/**
 * One character of a text field (rule TX-1): the replica that typed it and its number in that
 * replica's characters of this field. Characters typed one after another get consecutive numbers,
 * so a run of typing is stored as one node, not one per character. Ordered by replica, then number.
 */
public record CharId(String replica, int n) implements Comparable<CharId> {

    public CharId {
        Objects.requireNonNull(replica, "replica");
        if (n < 0) throw new IllegalArgumentException("character numbers are not negative");
    }

    @Override
    public int compareTo(CharId o) {
        int c = replica.compareTo(o.replica);
        return c != 0 ? c : Integer.compare(n, o.n);
    }

    public CharId plus(int k) {
        return new CharId(replica, n + k);
    }
}
