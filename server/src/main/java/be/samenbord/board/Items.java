package be.samenbord.board;

import be.samenbord.board.text.TextField;
import be.samenbord.board.text.TextJson;
import be.samenbord.board.text.TextOp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The replicated state of a board: item id → field name → register. A state-based CRDT: merge
 * keeps, per (item, field), the register that {@link Register#beats beats} the other, so merge is
 * commutative, associative and idempotent, and applying ops in any order with duplicates converges.
 *
 * <p>A field that receives a text op (rules TX-1..TX-5) is a {@link TextField} that merges
 * character by character; its register is then derived, holding the merged text as a plain string
 * with the field's latest stamp, so every reader of registers (REST, exports, rules) sees plain
 * text. Not thread-safe: one board is mutated by one thread at a time.
 */
public final class Items {

    private final Map<String, Fields> items = new HashMap<>();
    private final Map<String, Map<String, TextField>> texts = new HashMap<>();
    /** About the size of the state as JSON, kept up to date by every write (rule LI-13). */
    private long bytes;
    /** Registers held (text fields' derived ones included), for how much history a board keeps (HE-4). */
    private int registers;
    /** Registers of own values ({@code own_<name>:<replica>}, IT-8), so Visibility knows at once whether a board has any. */
    private int ownValues;

    /** Applies one op; returns true when it changed the state (it won its field). */
    public boolean apply(Op op) {
        return !applyOne(op).isEmpty();
    }

    /** Applies one op; returns what it changed as ops (a whole-string write on a text field becomes others, TX-5). */
    private List<Op> applyOne(Op op) {
        TextField text = textOf(op.item(), op.field());
        TextOp parsed = TextJson.tryParse(op.json(), op.stamp());
        if (parsed != null || (text != null && isString(op.json()))) return applyText(op, text, parsed);
        Register current = get(op.item(), op.field());
        Register incoming = op.register();
        if (current == null || incoming.beats(current)) {
            putRegister(op.item(), op.field(), incoming);
            return List.of(op);
        }
        return List.of();
    }

    private List<Op> applyText(Op op, TextField existing, TextOp parsed) {
        TextField field = existing;
        if (field == null) {
            // The field's first text op: what it held as a plain register becomes its first run (TX-5).
            field = new TextField();
            Register plain = get(op.item(), op.field());
            if (plain != null && isString(plain.json())) {
                for (TextOp seed : field.wholeWrite(TextJson.unquote(plain.json()), plain.stamp())) field.apply(seed);
            }
        }
        long before = existing == null ? 0 : existing.approximateBytes();
        List<Op> changed = new ArrayList<>(2);
        if (parsed != null) {
            if (field.apply(parsed)) changed.add(op);
        } else {
            for (TextOp t : field.wholeWrite(TextJson.unquote(op.json()), op.stamp())) {
                field.apply(t);
                changed.add(new Op(op.item(), op.field(), TextJson.encode(t), op.stamp()));
            }
        }
        // Only now, after the op applied (TextField.apply changes nothing when it throws): a refused
        // first op leaves no text field behind.
        if (existing == null) texts.computeIfAbsent(op.item(), k -> new HashMap<>()).put(op.field(), field);
        bytes += field.approximateBytes() - before;
        putRegister(op.item(), op.field(), new Register(TextJson.plain(field), field.latest()));
        return changed;
    }

    /** The one place registers are written, so the byte count follows every change. */
    private void putRegister(String item, String field, Register r) {
        Fields fields = items.get(item);
        if (fields == null) {
            fields = new Fields();
            items.put(item, fields);
            bytes += itemBytes(item);
        }
        Register previous = fields.put(field, r);
        bytes += registerBytes(field, r) - (previous == null ? 0 : registerBytes(field, previous));
        if (previous == null) {
            registers++;
            if (isOwnValue(field)) ownValues++;
        }
    }

    /** An own value (IT-8): seen only by its person. */
    public static boolean isOwnValue(String field) {
        return field.startsWith(OWN_PREFIX) && field.indexOf(':') > 0;
    }

    public static final String OWN_PREFIX = "own_";

    /** Whether any own value (IT-8) is held: then Visibility hides them from everyone but their person. */
    public boolean hasOwnValues() {
        return ownValues > 0;
    }

    private void removeRegister(String item, String field) {
        Fields fields = items.get(item);
        if (fields == null) return;
        Register previous = fields.remove(field);
        if (previous != null) {
            bytes -= registerBytes(field, previous);
            registers--;
            if (isOwnValue(field)) ownValues--;
        }
        if (fields.isEmpty()) {
            items.remove(item);
            bytes -= itemBytes(item);
        }
    }

    private void putText(String item, String field, TextField text) {
        TextField previous = text == null ? removeText(item, field) : texts.computeIfAbsent(item, k -> new HashMap<>()).put(field, text);
        bytes += (text == null ? 0 : text.approximateBytes()) - (previous == null ? 0 : previous.approximateBytes());
    }

    private TextField removeText(String item, String field) {
        Map<String, TextField> fields = texts.get(item);
        if (fields == null) return null;
        TextField gone = fields.remove(field);
        if (fields.isEmpty()) texts.remove(item);
        return gone;
    }

    private static boolean isString(String json) {
        return !json.isEmpty() && json.charAt(0) == '"';
    }

    /** The text field of an item's field, or null when it is a plain register. */
    public TextField textOf(String item, String field) {
        Map<String, TextField> fields = texts.get(item);
        return fields == null ? null : fields.get(field);
    }

    /**
     * About how many bytes the items take as JSON in a welcome snapshot: each item's id, each
     * register's field name, value and stamp, each text field's runs (tombstones included), and a
     * fixed allowance for the punctuation. Cheap, and the same on every replica with the same state.
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
        Set<String> newIds = new HashSet<>();
        long delta = 0;
        for (Op op : ops) {
            Fields fields = items.get(op.item());
            Register current = fields == null ? null : fields.get(op.field());
            if (fields == null && newIds.add(op.item())) delta += itemBytes(op.item());
            if (TextJson.looksLikeOp(op.json()) || textOf(op.item(), op.field()) != null) {
                // A text op adds at most its own text twice (the run and the derived register).
                delta += 2L * op.json().length() + op.field().length() + 40L;
                continue;
            }
            Register incoming = op.register();
            if (current != null && !incoming.beats(current)) continue;
            delta += registerBytes(op.field(), incoming) - (current == null ? 0 : registerBytes(op.field(), current));
        }
        return new Growth(newIds.size(), delta);
    }

    /** Applies every op; returns the ones that won, in order (what others still need to hear). */
    public List<Op> applyAll(List<Op> ops) {
        List<Op> won = new ArrayList<>(ops.size());
        for (Op op : ops) won.addAll(applyOne(op));
        return won;
    }

    /**
     * What an applied op replaced, to put back on a rollback: the register ({@code previous} null:
     * the field had none) and, for a text field, the field as it was ({@code previousText}; null with
     * {@code wasText} false: it was no text field).
     */
    public record Replaced(String item, String field, Register previous, TextField previousText, boolean wasText) {
        public Replaced(String item, String field, Register previous) {
            this(item, field, previous, null, false);
        }
    }

    /** As {@link #applyAll(List)}, and records in {@code replaced} what each winning op replaced. */
    public List<Op> applyAll(List<Op> ops, List<Replaced> replaced) {
        List<Op> won = new ArrayList<>(ops.size());
        for (Op op : ops) {
            Register before = get(op.item(), op.field());
            TextField text = textOf(op.item(), op.field());
            TextField copy = text != null ? text.copy() : null;
            List<Op> changed = applyOne(op);
            if (!changed.isEmpty()) {
                won.addAll(changed);
                replaced.add(new Replaced(op.item(), op.field(), before, copy, text != null));
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
            putText(r.item(), r.field(), r.wasText() ? r.previousText() : null);
            if (r.previous() != null) putRegister(r.item(), r.field(), r.previous());
            else removeRegister(r.item(), r.field());
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
        items.forEach((id, fields) -> out.items.put(id, new Fields(fields)));
        texts.forEach((id, fields) -> {
            Map<String, TextField> copies = new HashMap<>();
            fields.forEach((f, t) -> copies.put(f, t.copy()));
            out.texts.put(id, copies);
        });
        out.bytes = bytes;
        out.registers = registers;
        out.ownValues = ownValues;
        return out;
    }

    public Register get(String item, String field) {
        Fields fields = items.get(item);
        return fields == null ? null : fields.get(field);
    }

    public Map<String, Register> item(String item) {
        Fields fields = items.get(item);
        return fields == null ? Map.of() : Collections.unmodifiableMap(fields);
    }

    /**
     * Drops every deleted item ({@code deleted} is {@code true}) whose every register is stamped
     * before {@code cutoffMs} (rule GC-3); returns how many went. Only safe once no replica can
     * still send an op older than the cutoff ({@code BoardState.prune} makes such batches stale).
     */
    public int pruneDeleted(long cutoffMs) {
        List<String> gone = new ArrayList<>();
        items.forEach((id, fields) -> {
            Register deleted = fields.get("deleted");
            if (deleted == null || !deleted.json().equals("true")) return;
            // A text field's register carries its latest stamp, so it counts like any other field.
            for (Register r : fields.values()) if (r.stamp().ms() >= cutoffMs) return;
            gone.add(id);
        });
        for (String id : gone) {
            for (String field : List.copyOf(items.get(id).keySet())) {
                putText(id, field, null);
                removeRegister(id, field);
            }
        }
        return gone.size();
    }

    public boolean contains(String item) {
        return items.containsKey(item);
    }

    public int size() {
        return items.size();
    }

    /** How many registers the items hold. */
    public int registers() {
        return registers;
    }

    /** Item ids in sorted order, so encodings of equal states are equal. */
    public List<String> itemIds() {
        return new ArrayList<>(new TreeMap<>(items).keySet());
    }

    /**
     * Every register as an op, items and fields in sorted order; a text field as its whole state
     * (TX-3), so applying these ops to an empty board rebuilds this one.
     */
    public void forEachOp(java.util.function.Consumer<Op> sink) {
        for (String id : itemIds()) {
            new TreeMap<>(items.get(id)).forEach((field, r) -> {
                TextField text = textOf(id, field);
                sink.accept(text == null ? new Op(id, field, r.json(), r.stamp()) : new Op(id, field, TextJson.state(text), r.stamp()));
            });
        }
    }

    public List<Op> toOps() {
        List<Op> out = new ArrayList<>();
        forEachOp(out::add);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Items other && items.equals(other.items) && texts.equals(other.texts);
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
