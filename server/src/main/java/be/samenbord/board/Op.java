package be.samenbord.board;

import java.util.Objects;

/** One field write: item {@code item}, field {@code field}, value as JSON text, stamp. */
public record Op(String item, String field, String json, Stamp stamp) {

    public Op {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(stamp, "stamp");
    }

    public Register register() {
        return new Register(json, stamp);
    }
}
