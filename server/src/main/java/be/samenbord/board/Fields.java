package be.samenbord.board;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The registers of one item, by field name: a map made for the usual item of five to ten fields
 * (issue 18, heap per board). Up to {@value #SMALL} fields they sit in one array, name beside
 * register, and a lookup compares names (field names are shared strings, so mostly by identity):
 * about 70 bytes for a note's five fields where a {@link HashMap} takes about 300. An item with
 * more fields (a note with many {@code vote:<replica>} fields) moves to a hash map, so a lookup
 * never scans more than {@value #SMALL} names.
 */
final class Fields extends AbstractMap<String, Register> {

    static final int SMALL = 12;

    /** name, register, name, register, ...; null once {@link #large} is used. */
    private Object[] slots;
    private int size;
    private HashMap<String, Register> large;

    Fields() {
        slots = new Object[2 * 6];
    }

    Fields(Map<String, Register> from) {
        this();
        from.forEach(this::put);
    }

    @Override
    public int size() {
        return large != null ? large.size() : size;
    }

    @Override
    public Register get(Object key) {
        if (large != null) return large.get(key);
        int i = indexOf(key);
        return i < 0 ? null : (Register) slots[i + 1];
    }

    @Override
    public boolean containsKey(Object key) {
        return large != null ? large.containsKey(key) : indexOf(key) >= 0;
    }

    @Override
    public Register put(String key, Register value) {
        if (key == null || value == null) throw new NullPointerException("fields hold no nulls");
        if (large != null) return large.put(key, value);
        int i = indexOf(key);
        if (i >= 0) {
            Register previous = (Register) slots[i + 1];
            slots[i + 1] = value;
            return previous;
        }
        if (size == SMALL) {
            large = new HashMap<>(4 * SMALL);
            for (int j = 0; j < 2 * size; j += 2) large.put((String) slots[j], (Register) slots[j + 1]);
            slots = null;
            size = 0;
            return large.put(key, value);
        }
        if (2 * size == slots.length) slots = java.util.Arrays.copyOf(slots, Math.min(2 * SMALL, slots.length + 4));
        slots[2 * size] = key;
        slots[2 * size + 1] = value;
        size++;
        return null;
    }

    @Override
    public Register remove(Object key) {
        if (large != null) return large.remove(key);
        int i = indexOf(key);
        if (i < 0) return null;
        Register previous = (Register) slots[i + 1];
        int last = 2 * (size - 1);
        slots[i] = slots[last];
        slots[i + 1] = slots[last + 1];
        slots[last] = null;
        slots[last + 1] = null;
        size--;
        return previous;
    }

    private int indexOf(Object key) {
        for (int i = 0; i < 2 * size; i += 2) {
            if (slots[i] == key) return i;
        }
        if (!(key instanceof String)) return -1;
        for (int i = 0; i < 2 * size; i += 2) {
            if (slots[i].equals(key)) return i;
        }
        return -1;
    }

    @Override
    public Set<Entry<String, Register>> entrySet() {
        if (large != null) return large.entrySet();
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Entry<String, Register>> iterator() {
                return new Iterator<>() {
                    private int next;
                    private int last = -1;

                    @Override
                    public boolean hasNext() {
                        return next < 2 * size;
                    }

                    @Override
                    public Entry<String, Register> next() {
                        if (!hasNext()) throw new NoSuchElementException();
                        last = next;
                        next += 2;
                        return new SimpleImmutableEntry<>((String) slots[last], (Register) slots[last + 1]);
                    }

                    @Override
                    public void remove() {
                        if (last < 0) throw new IllegalStateException();
                        Fields.this.remove(slots[last]);
                        // The last pair moved into the removed one's place: look at that place again.
                        next = last;
                        last = -1;
                    }
                };
            }
        };
    }

    @Override
    public void forEach(java.util.function.BiConsumer<? super String, ? super Register> action) {
        if (large != null) {
            large.forEach(action);
            return;
        }
        for (int i = 0; i < 2 * size; i += 2) action.accept((String) slots[i], (Register) slots[i + 1]);
    }
}
