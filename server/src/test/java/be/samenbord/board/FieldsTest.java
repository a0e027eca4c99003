package be.samenbord.board;

import be.samenbord.testkit.Seeds;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link Fields}, the compact map of an item's registers (issue 18, heap per board), behaves as a
 * {@link HashMap} would: random puts, removes, lookups with equal but not identical names, and
 * removal while iterating, across the move from the small array to the hash map at
 * {@value Fields#SMALL} fields and back under it.
 */
class FieldsTest {

    /** Seeds of {@link #behavesAsAHashMap}; {@code -Dseeds=random} runs fresh ones (printed). */
    private static final long[] SEEDS = {1, 7, 18, 2026_12_07, 99_991};
    /** Seeds that once failed. */
    private static final long[] PINNED = {};

    private static Register reg(int n) {
        return new Register(Integer.toString(n), new Stamp(n, 0, "replica01"));
    }

    @Test
    @DisplayName("Fields: the same answers as a HashMap under seeded random puts, removes, lookups and iterator removals")
    void behavesAsAHashMap() {
        Seeds.of("FieldsTest", null, SEEDS, PINNED, 5).forEach(seed -> {
            Random r = new Random(seed);
            Fields fields = new Fields();
            Map<String, Register> model = new HashMap<>();
            for (int step = 0; step < 5_000; step++) {
                // Up to 30 names, so an item crosses SMALL both ways.
                String name = new String(("f" + r.nextInt(r.nextBoolean() ? 8 : 30)).toCharArray());
                switch (r.nextInt(5)) {
                    case 0, 1 -> assertEquals(model.put(name, reg(step)), fields.put(name, reg(step)), "seed " + seed + " put");
                    case 2 -> assertEquals(model.remove(name), fields.remove(name), "seed " + seed + " remove");
                    case 3 -> assertEquals(model.get(name), fields.get(name), "seed " + seed + " get");
                    default -> {
                        String gone = "f" + r.nextInt(30);
                        for (Iterator<Map.Entry<String, Register>> it = fields.entrySet().iterator(); it.hasNext(); ) {
                            if (it.next().getKey().equals(gone)) it.remove();
                        }
                        model.remove(gone);
                    }
                }
                assertEquals(model.size(), fields.size(), "seed " + seed + " size at step " + step);
                assertEquals(model, fields, "seed " + seed + " contents at step " + step);
                assertEquals(fields, model, "seed " + seed + " equals both ways at step " + step);
                assertEquals(model.hashCode(), fields.hashCode(), "seed " + seed + " hash at step " + step);
            }
            Map<String, Register> seen = new HashMap<>();
            fields.forEach(seen::put);
            assertEquals(model, seen, "seed " + seed + " forEach");
            assertEquals(model, new Fields(model), "seed " + seed + " copy");
        });
    }

    @Test
    @DisplayName("Fields: no null names or registers, and a missing name reads as null")
    void nulls() {
        Fields fields = new Fields();
        assertThrows(NullPointerException.class, () -> fields.put(null, reg(1)));
        assertThrows(NullPointerException.class, () -> fields.put("x", null));
        assertNull(fields.get("x"));
        assertNull(fields.get(42));
        assertNull(fields.remove("x"));
    }
}
