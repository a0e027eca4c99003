package be.samenbord.board;

import java.util.Objects;

/**
 * A last-writer-wins register: one field of one item. {@code json} is the value as compact JSON
 * text; the model never interprets it, so it carries no JSON library.
 */
public record Register(String json, Stamp stamp) {

    public Register {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(stamp, "stamp");
    }

    /**
     * True when this register beats {@code other} (rule ST-2). Equal stamps with different values
     * can only come from a misbehaving replica; the greater JSON text wins so that every replica
     * still picks the same one.
     */
    public boolean beats(Register other) {
        int c = stamp.compareTo(other.stamp);
        if (c != 0) return c > 0;
        return json.compareTo(other.json) > 0;
    }
}
