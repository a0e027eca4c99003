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

    /** Applies one op; returns true when it changed the state (it won its field). */
    public boolean apply(Op op) {
        Map<String, Register> fields = items.computeIfAbsent(op.item(), k -> new HashMap<>());
        Register current = fields.get(op.field());
        Register incoming = op.register();
        if (current == null || incoming.beats(current)) {
            fields.put(op.field(), incoming);
            return true;
        }
        return false;
    }

    /** Applies every op; returns the ones that won, in order (what others still need to hear). */
    public List<Op> applyAll(List<Op> ops) {
        List<Op> won = new ArrayList<>(ops.size());
        for (Op op : ops) {
            if (apply(op)) won.add(op);
        }
        return won;
    }

    /** A register an applied op replaced ({@code previous} null: the field had none), to put back on a rollback. */
    public record Replaced(String item, String field, Register previous) {
    }

    /** As {@link #applyAll(List)}, and records in {@code replaced} what each winning op replaced. */
    public List<Op> applyAll(List<Op> ops, List<Replaced> replaced) {
        List<Op> won = new ArrayList<>(ops.size());
        for (Op op : ops) {
            Register before = get(op.item(), op.field());
            if (apply(op)) {
                won.add(op);
                replaced.add(new Replaced(op.item(), op.field(), before));
            }
        }
        return won;
    }

    /**
     * Puts back what {@link #applyAll(List, List)} recorded, newest first, so the state is again
     * exactly what it was before those ops (an item that did not exist disappears again).
     */
    public void undo(List<Replaced> replaced) {
        for (int i = replaced.size() - 1; i >= 0; i--) {
            Replaced r = replaced.get(i);
            Map<String, Register> fields = items.get(r.item());
            if (fields == null) continue;
            if (r.previous() != null) {
                fields.put(r.field(), r.previous());
            } else {
                fields.remove(r.field());
                if (fields.isEmpty()) items.remove(r.item());
            }
        }
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

    /**
     * Drops every deleted item ({@code deleted} is {@code true}) whose every register is stamped
     * before {@code cutoffMs} (rule GC-3); returns how many went. Only safe once no replica can
     * still send an op older than the cutoff ({@code BoardState.prune} makes such batches stale).
     */
    public int pruneDeleted(long cutoffMs) {
        int gone = 0;
        for (var it = items.values().iterator(); it.hasNext(); ) {
            Map<String, Register> fields = it.next();
            Register deleted = fields.get("deleted");
            if (deleted == null || !deleted.json().equals("true")) continue;
            boolean old = true;
            for (Register r : fields.values()) {
                if (r.stamp().ms() >= cutoffMs) {
                    old = false;
                    break;
                }
            }
            if (old) {
                it.remove();
                gone++;
            }
        }
        return gone;
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
