package be.samenbord.board.text;

import be.samenbord.board.Stamp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A text field that merges character by character (rules TX-1..TX-7): Fugue (Weidner, Gentle and
 * Kleppmann, "The Art of the Fugue", 2023). Every character is a node of a tree: the right or
 * left child of another character (or of the start). The text is the tree read in order (left
 * children, the character, right children; siblings by id). A character typed after another
 * becomes its right child, so a run of typing is a chain: two people typing at the same place
 * each get a subtree of their own, and their words never interleave. Deleted characters stay as
 * tombstones, so later edits can still name them.
 *
 * <p>Stored as runs: a node holds characters with consecutive ids where each is the right child of
 * the one before and has no other child. A run is split when an edit attaches to its middle.
 * Pure; not thread-safe (a board is changed by one thread at a time).
 */
public final class TextField {

    /** A run of characters. Children hang on its first character (left) and its last (right). */
    static final class Node {
        final String replica;
        int n;
        String text;
        int len;
        /** The parent character of the run's first character; null = the start of the field. */
        final CharId parent;
        final boolean right;
        boolean deleted;
        List<Node> leftKids = List.of();
        List<Node> rightKids = List.of();

        Node(String replica, int n, String text, CharId parent, boolean right, boolean deleted) {
            this.replica = replica;
            this.n = n;
            this.text = text;
            this.len = text.codePointCount(0, text.length());
            this.parent = parent;
            this.right = right;
            this.deleted = deleted;
        }

        CharId first() {
            return new CharId(replica, n);
        }

        boolean holds(int k) {
            return k >= n && k < n + len;
        }
    }

    /** The start of the field: characters inserted at position 0 of an empty field are its right children. */
    private final List<Node> roots = new ArrayList<>();
    /** Every run in document order, tombstones included. */
    private final List<Node> order = new ArrayList<>();
    private final Map<String, TreeMap<Integer, Node>> byReplica = new HashMap<>();
    private Stamp latest;
    /** About the size of the field's state as JSON (runs, tombstones included): what it costs a board (LI-13). */
    private long bytes;
    private String cachedText;
    private int visibleLength;

    /** The field's merged text: what every reader without text merging sees (TX-6). */
    public String text() {
        if (cachedText == null) {
            StringBuilder b = new StringBuilder();
            for (Node node : order) if (!node.deleted) b.append(node.text);
            cachedText = b.toString();
        }
        return cachedText;
    }

    /** Visible length in code points (the 4,000-character limit counts these, IT-2). */
    public int length() {
        return visibleLength;
    }

    /** The greatest stamp of any op applied: the stamp of the field as a plain register. */
    public Stamp latest() {
        return latest;
    }

    /** Whether the character exists (deleted or not). */
    public boolean contains(CharId id) {
        return find(id) != null;
    }

    /** The next free character number of {@code replica} in this field. */
    public int nextN(String replica) {
        TreeMap<Integer, Node> runs = byReplica.get(replica);
        if (runs == null || runs.isEmpty()) return 0;
        Node last = runs.lastEntry().getValue();
        return last.n + last.len;
    }

    /** About the bytes of the field's state (runs and tombstones), kept up to date by every change. */
    public long approximateBytes() {
        return bytes;
    }

    private static long runBytes(Node node) {
        return node.replica.length() + 24L;
    }

    /** Runs held (for memory accounting and tests). */
    public int runs() {
        return order.size();
    }

    /**
     * Applies an op. Returns whether anything changed (a repeated op changes nothing). Throws
     * {@link TextException}, changing nothing, when the op names characters the field does not have
     * or reuses ids with other text (TX-4).
     */
    public boolean apply(TextOp op) {
        boolean changed = switch (op) {
            case TextOp.Insert ins -> insert(ins.first(), ins.text(), ins.parent(), ins.right());
            case TextOp.Delete del -> delete(del.ranges(), true);
            case TextOp.State st -> merge(st.field());
        };
        if (changed) cachedText = null;
        Stamp s = switch (op) {
            case TextOp.Insert ins -> ins.stamp();
            case TextOp.Delete del -> del.stamp();
            case TextOp.State st -> st.field().latest;
        };
        if (s != null && (latest == null || s.isAfter(latest))) latest = s;
        return changed;
    }

    /** Checks that {@code op} could be applied, without applying it. */
    public void check(TextOp op) {
        switch (op) {
            case TextOp.Insert ins -> checkInsert(ins.first(), ins.text(), ins.parent());
            case TextOp.Delete del -> delete(del.ranges(), false);
            case TextOp.State st -> {
            }
        }
    }

    private void checkInsert(CharId first, String text, CharId parent) {
        int len = text.codePointCount(0, text.length());
        if (len == 0) throw new TextException("an insert holds at least one character");
        int k = existingPrefix(first, text, len);
        if (k == 0 && parent != null && find(parent) == null) throw new TextException("unknown parent character " + parent);
        for (int i = k; i < len; i++) {
            if (find(first.plus(i)) != null) throw new TextException("character " + first.plus(i) + " exists already");
        }
    }

    /** How many leading characters of the run exist already; they must hold the same text. */
    private int existingPrefix(CharId first, String text, int len) {
        int k = 0;
        int offset = 0;
        while (k < len) {
            CharId id = first.plus(k);
            Node node = find(id);
            if (node == null) break;
            int cp = text.codePointAt(offset);
            int at = node.text.offsetByCodePoints(0, id.n() - node.n);
            if (node.text.codePointAt(at) != cp) throw new TextException("character " + id + " exists with other text");
            offset += Character.charCount(cp);
            k++;
        }
        return k;
    }

    private boolean insert(CharId first, String text, CharId parent, boolean right) {
        checkInsert(first, text, parent);
        int len = text.codePointCount(0, text.length());
        int k = existingPrefix(first, text, len);
        if (k == len) return false;
        String rest = text.substring(text.offsetByCodePoints(0, k));
        CharId p = k == 0 ? parent : first.plus(k - 1);
        boolean side = k == 0 ? right : true;
        Node node = new Node(first.replica(), first.n() + k, rest, p, side, false);
        attach(node);
        visibleLength += node.len;
        return true;
    }

    /** Hangs a new node under its parent character and puts it at its place in document order. */
    private void attach(Node node) {
        List<Node> siblings;
        if (node.parent == null) {
            siblings = roots;
        } else {
            Node host = splitFor(node.parent, node.right);
            if (node.right) {
                // Typing on at the end of one's own run extends it: no new node (the common case).
                if (host.rightKids.isEmpty() && host.replica.equals(node.replica) && host.n + host.len == node.n && !host.deleted) {
                    extend(host, node);
                    return;
                }
                if (host.rightKids.isEmpty()) host.rightKids = new ArrayList<>(2);
                siblings = host.rightKids;
            } else {
                if (host.leftKids.isEmpty()) host.leftKids = new ArrayList<>(2);
                siblings = host.leftKids;
            }
        }
        int at = Collections.binarySearch(siblings, node, (a, b) -> a.first().compareTo(b.first()));
        if (at >= 0) throw new TextException("character " + node.first() + " exists already");
        at = -at - 1;
        int index;
        if (at < siblings.size()) {
            index = order.indexOf(leftmost(siblings.get(at)));
        } else if (node.parent == null) {
            index = order.size();
        } else if (node.right) {
            index = order.indexOf(rightmost(find(node.parent))) + 1;
        } else {
            index = order.indexOf(find(node.parent));
        }
        siblings.add(at, node);
        order.add(index, node);
        index(node);
        bytes += node.text.length() + runBytes(node);
    }

    private void extend(Node host, Node more) {
        host.text = host.text + more.text;
        host.len += more.len;
        bytes += more.text.length();
    }

    /** The first node of a subtree in document order. */
    private static Node leftmost(Node node) {
        while (!node.leftKids.isEmpty()) node = node.leftKids.get(0);
        return node;
    }

    /** The last node of a subtree in document order. */
    private static Node rightmost(Node node) {
        while (!node.rightKids.isEmpty()) node = node.rightKids.get(node.rightKids.size() - 1);
        return node;
    }

    /**
     * The node whose first (for a left child) or last (right child) character is {@code id},
     * splitting the run it sits in when the character is in its middle.
     */
    private Node splitFor(CharId id, boolean right) {
        Node node = find(id);
        if (node == null) throw new TextException("unknown parent character " + id);
        int k = id.n() - node.n;
        if (right && k < node.len - 1) split(node, k + 1);
        else if (!right && k > 0) node = split(node, k);
        return right ? find(id) : node;
    }

    /** Splits {@code node} before its {@code k}-th character; returns the second part. */
    private Node split(Node node, int k) {
        int at = node.text.offsetByCodePoints(0, k);
        Node tail = new Node(node.replica, node.n + k, node.text.substring(at), new CharId(node.replica, node.n + k - 1), true,
                node.deleted);
        node.text = node.text.substring(0, at);
        node.len = k;
        tail.rightKids = node.rightKids;
        List<Node> chain = new ArrayList<>(2);
        chain.add(tail);
        node.rightKids = chain;
        order.add(order.indexOf(node) + 1, tail);
        index(tail);
        bytes += runBytes(tail);
        return tail;
    }

    private void index(Node node) {
        byReplica.computeIfAbsent(node.replica, r -> new TreeMap<>()).put(node.n, node);
    }

    private Node find(CharId id) {
        TreeMap<Integer, Node> runs = byReplica.get(id.replica());
        if (runs == null) return null;
        Map.Entry<Integer, Node> e = runs.floorEntry(id.n());
        return e != null && e.getValue().holds(id.n()) ? e.getValue() : null;
    }

    /** Marks the ranges deleted; with {@code apply} false, only checks that every character exists. */
    private boolean delete(List<TextOp.Range> ranges, boolean apply) {
        for (TextOp.Range r : ranges) {
            if (r.len() < 1) throw new TextException("a deleted range holds at least one character");
            for (int i = 0; i < r.len(); ) {
                Node node = find(r.first().plus(i));
                if (node == null) throw new TextException("unknown character " + r.first().plus(i));
                i += node.n + node.len - (r.first().n() + i);
            }
        }
        if (!apply) return false;
        boolean changed = false;
        for (TextOp.Range r : ranges) {
            int i = 0;
            while (i < r.len()) {
                CharId id = r.first().plus(i);
                Node node = find(id);
                int from = id.n() - node.n;
                int take = Math.min(node.len - from, r.len() - i);
                if (!node.deleted) {
                    if (from > 0) node = split(node, from);
                    if (take < node.len) split(node, take);
                    node.deleted = true;
                    visibleLength -= node.len;
                    changed = true;
                }
                i += take;
            }
        }
        return changed;
    }

    /** Merges another state of the same field: its runs (parents first), then its deletions. */
    private boolean merge(TextField other) {
        boolean[] changed = {false};
        other.forEachRun(run -> changed[0] |= insert(run.first, run.text, run.parent, run.right));
        List<TextOp.Range> gone = new ArrayList<>();
        other.forEachRun(run -> {
            if (run.deleted) gone.add(new TextOp.Range(run.first, run.text.codePointCount(0, run.text.length())));
        });
        if (!gone.isEmpty()) changed[0] |= delete(gone, true);
        return changed[0];
    }

    /** A run as the state encoding lists it (TX-3). */
    public record Run(CharId first, String text, CharId parent, boolean right, boolean deleted) {
    }

    /**
     * Every run, parents before children (the node, its left subtrees, its right subtrees), with
     * runs joined wherever the tree allows: equal fields list equal runs, however they were split.
     */
    public void forEachRun(Consumer<Run> sink) {
        for (Node root : roots) visit(root, sink);
    }

    private void visit(Node node, Consumer<Run> sink) {
        // Join the chain of parts a split left behind (same replica, consecutive, same deletion).
        StringBuilder text = new StringBuilder(node.text);
        Node last = node;
        while (last.rightKids.size() == 1) {
            Node next = last.rightKids.get(0);
            if (!next.leftKids.isEmpty() || !next.replica.equals(node.replica) || next.n != last.n + last.len || next.deleted != node.deleted) break;
            text.append(next.text);
            last = next;
        }
        sink.accept(new Run(node.first(), text.toString(), node.parent, node.right, node.deleted));
        Node end = last;
        for (Node kid : node.leftKids) visit(kid, sink);
        for (Node kid : end.rightKids) visit(kid, sink);
        // Left children of the joined parts: none (the loop stopped before any part that had some).
    }

    /** The id of the visible character at position {@code pos} (0-based, code points). */
    public CharId idAt(int pos) {
        if (pos < 0 || pos >= visibleLength) throw new IndexOutOfBoundsException("position " + pos + " of " + visibleLength);
        int seen = 0;
        for (Node node : order) {
            if (node.deleted) continue;
            if (pos < seen + node.len) return new CharId(node.replica, node.n + pos - seen);
            seen += node.len;
        }
        throw new IllegalStateException("visible length out of step");
    }

    /**
     * An insert of {@code text} at visible position {@code pos} by {@code stamp.replica()} (Fugue's
     * rule): after the character left of the position, as its right child when it has none, else
     * as the left child of the next character in document order (tombstones included).
     */
    public TextOp.Insert insertAt(int pos, String text, Stamp stamp) {
        CharId first = new CharId(stamp.replica(), nextN(stamp.replica()));
        if (pos == 0) {
            if (roots.isEmpty()) return new TextOp.Insert(first, text, null, true, stamp);
            return new TextOp.Insert(first, text, order.get(0).first(), false, stamp);
        }
        CharId left = idAt(pos - 1);
        Node node = find(left);
        boolean hasRight = left.n() < node.n + node.len - 1 || !node.rightKids.isEmpty();
        if (!hasRight) return new TextOp.Insert(first, text, left, true, stamp);
        CharId next = left.n() < node.n + node.len - 1 ? left.plus(1) : leftmost(node.rightKids.get(0)).first();
        return new TextOp.Insert(first, text, next, false, stamp);
    }

    /** A delete of the visible characters {@code [pos, pos + len)}. */
    public TextOp.Delete deleteAt(int pos, int len, Stamp stamp) {
        List<TextOp.Range> ranges = new ArrayList<>();
        int seen = 0;
        int end = pos + len;
        for (Node node : order) {
            if (node.deleted) continue;
            int from = Math.max(pos, seen);
            int to = Math.min(end, seen + node.len);
            if (from < to) {
                CharId first = new CharId(node.replica, node.n + from - seen);
                TextOp.Range last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
                if (last != null && last.first().replica().equals(first.replica()) && last.first().n() + last.len() == first.n()) {
                    ranges.set(ranges.size() - 1, new TextOp.Range(last.first(), last.len() + to - from));
                } else {
                    ranges.add(new TextOp.Range(first, to - from));
                }
            }
            seen += node.len;
            if (seen >= end) break;
        }
        return new TextOp.Delete(ranges, stamp);
    }

    /**
     * TX-5: the ops a whole-string write (a plain string from a client that does not merge text, or
     * from the node) becomes: when it is newer than everything in the field, a delete of every
     * visible character and an insert of the string under the start with ids
     * {@code ["~<ms>.<counter>.<replica>", 0...]} (no real replica id has '~'); else nothing, as a
     * last-writer-wins register would ignore it.
     */
    public List<TextOp> wholeWrite(String text, Stamp stamp) {
        if (latest != null && !stamp.isAfter(latest)) return List.of();
        List<TextOp> out = new ArrayList<>(2);
        if (visibleLength > 0) out.add(deleteAt(0, visibleLength, stamp));
        if (!text.isEmpty()) {
            CharId first = new CharId("~" + stamp.ms() + "." + stamp.counter() + "." + stamp.replica(), 0);
            out.add(new TextOp.Insert(first, text, null, true, stamp));
        }
        return out;
    }

    /** An independent copy, node for node (linear in the runs; a state round trip would be quadratic). */
    public TextField copy() {
        TextField out = new TextField();
        Map<Node, Node> twin = new java.util.IdentityHashMap<>();
        for (Node n : order) {
            Node c = new Node(n.replica, n.n, n.text, n.parent, n.right, n.deleted);
            twin.put(n, c);
            out.order.add(c);
            out.index(c);
        }
        for (Node n : order) {
            Node c = twin.get(n);
            c.leftKids = copyKids(n.leftKids, twin);
            c.rightKids = copyKids(n.rightKids, twin);
        }
        for (Node r : roots) out.roots.add(twin.get(r));
        out.latest = latest;
        out.bytes = bytes;
        out.visibleLength = visibleLength;
        out.cachedText = cachedText;
        return out;
    }

    private static List<Node> copyKids(List<Node> kids, Map<Node, Node> twin) {
        if (kids.isEmpty()) return List.of();
        List<Node> out = new ArrayList<>(kids.size());
        for (Node k : kids) out.add(twin.get(k));
        return out;
    }

    /** The runs as {@link #forEachRun} lists them. */
    public List<Run> runList() {
        List<Run> out = new ArrayList<>();
        forEachRun(out::add);
        return out;
    }

    /** Equal when they hold the same characters in the same tree, however their runs were split. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TextField other && java.util.Objects.equals(latest, other.latest) && runList().equals(other.runList());
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }

    @Override
    public String toString() {
        return "TextField" + runList();
    }
}
