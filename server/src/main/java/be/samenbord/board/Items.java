package be.samenbord.board;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The replicated state of a board: item id → field name → register. A state-based CRDT: merge
 * keeps, per (item, field), the register that {@link Register#beats beats} the other, so merge is
 * commutative, associative and idempotent, and applying ops in any order with duplicates converges.
 * Not thread-safe: one board is mutated by one thread at a time.
 */
public final class Items {

    private final Map<String, Map<String, Register>> items = new HashMap<>();
    /** About the size of the state as JSON, kept up to date by every write (rule LI-13). */
    private long bytes;

    /** Applies one op; returns true when it changed the state (it won its field). */
    public boolean apply(Op op) {
        Map<String, Register> fields = items.get(op.item());
        if (fields == null) {
            fields = new HashMap<>();
            items.put(op.item(), fields);
            bytes += itemBytes(op.item());
        }
        Register current = fields.get(op.field());
        Register incoming = op.register();
        if (current == null || incoming.beats(current)) {
            fields.put(op.field(), incoming);
            bytes += registerBytes(op.field(), incoming) - (current == null ? 0 : registerBytes(op.field(), current));
            return true;
        }
        return false;
    }

    /**
     * About how many bytes the items take as JSON in a welcome snapshot: each item's id, each
     * register's field name, value and stamp, and a fixed allowance for the punctuation. Cheap,
     * and the same on every replica that holds the same state.
     */
    public long approximateBytes() {
        return bytes;
    }

    static long itemBytes(String item) {
        return item.length() + 6L;
    }

    static long registerBytes(String field, Register r) {
        return field.length() + r.json().length() + r.stamp().replica().length() + 40L;
    }

    /** What applying {@code ops} would add: new items and bytes (an upper bound: every op that would win counts). */
    public record Growth(int newItems, long bytes) {
    }

    /** The growth {@code ops} would cause if applied now; nothing changes. */
    public Growth growth(List<Op> ops) {
        java.util.Set<String> newIds = new java.util.HashSet<>();
        long delta = 0;
        for (Op op : ops) {
            Map<String, Register> fields = items.get(op.item());
            Register current = fields == null ? null : fields.get(op.field());
            Register incoming = op.register();
            if (current != null && !incoming.beats(current)) continue;
            if (fields == null && newIds.add(op.item())) delta += itemBytes(op.item());
            delta += registerBytes(op.field(), incoming) - (current == null ? 0 : registerBytes(op.field(), current));
        }
        return new Growth(newIds.size(), delta);
    }

    /** Applies every op; returns the ones that won, in order (what others still need to hear). */
    public List<Op> applyAll(List<Op> ops) {
        List<Op> won = new ArrayList<>(ops.size());
        for (Op op : ops) {
            if (apply(op)) won.add(op);
        }
        return won;
    }

    /** Merges {@code other} into this state. */
    public void mergeFrom(Items other) {
        other.forEachOp(this::apply);
    }

    /** A new state equal to the merge of {@code a} and {@code b}; neither is changed. */
    public static Items merge(Items a, Items b) {
        Items out = a.copy();
        out.mergeFrom(b);
        return out;
    }

    public Items copy() {
        Items out = new Items();
        items.forEach((id, fields) -> out.items.put(id, new HashMap<>(fields)));
        out.bytes = bytes;
        return out;
    }

    public Register get(String item, String field) {
        Map<String, Register> fields = items.get(item);
        return fields == null ? null : fields.get(field);
    }

    public Map<String, Register> item(String item) {
        Map<String, Register> fields = items.get(item);
        return fields == null ? Map.of() : Collections.unmodifiableMap(fields);
    }

    public boolean contains(String item) {
        return items.containsKey(item);
    }

    public int size() {
        return items.size();
    }

    /** Item ids in sorted order, so encodings of equal states are equal. */
    public List<String> itemIds() {
        return new ArrayList<>(new TreeMap<>(items).keySet());
    }

    /** Every register as an op, items and fields in sorted order. */
    public void forEachOp(java.util.function.Consumer<Op> sink) {
        for (String id : itemIds()) {
            new TreeMap<>(items.get(id)).forEach((field, r) -> sink.accept(new Op(id, field, r.json(), r.stamp())));
        }
    }

    public List<Op> toOps() {
        List<Op> out = new ArrayList<>();
        forEachOp(out::add);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Items other && items.equals(other.items);
    }

    @Override
    public int hashCode() {
        return items.hashCode();
    }

    @Override
    public String toString() {
        return "Items" + new TreeMap<>(items);
    }
}
