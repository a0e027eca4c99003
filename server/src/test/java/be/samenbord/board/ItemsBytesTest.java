package be.samenbord.board;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rule LI-13: the size of a board is kept up to date by every write, so the cap costs nothing to
 * check. Against a count from scratch, after random writes, overwrites, lost writes and copies.
 */
class ItemsBytesTest {

    /** The size counted from scratch: what {@link Items#approximateBytes()} must equal. */
    private static long counted(Items items) {
        long n = 0;
        for (String id : items.itemIds()) {
            n += Items.itemBytes(id);
            for (var e : items.item(id).entrySet()) n += Items.registerBytes(e.getKey(), e.getValue());
        }
        return n;
    }

    private static Op randomOp(Random r) {
        String value = "\"" + "v".repeat(r.nextInt(50)) + "\"";
        return new Op("item" + r.nextInt(20), "f" + r.nextInt(5), value, new Stamp(r.nextInt(1000), r.nextInt(3), "replica" + r.nextInt(3)));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42})
    @DisplayName("LI-13: approximate bytes match a recount; growth predicts what a batch adds")
    void bytesFollowEveryWrite(long seed) {
        Random r = new Random(seed);
        Items items = new Items();
        for (int round = 0; round < 200; round++) {
            List<Op> batch = new ArrayList<>();
            // Distinct fields within a batch, so growth (which does not look at the batch's own writes) is exact.
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < 1 + r.nextInt(5); i++) {
                Op op = randomOp(r);
                if (seen.add(op.item() + "/" + op.field())) batch.add(op);
            }
            Items.Growth g = items.growth(batch);
            long before = items.approximateBytes();
            int sizeBefore = items.size();
            items.applyAll(batch);
            assertEquals(before + g.bytes(), items.approximateBytes(), "round " + round);
            assertEquals(sizeBefore + g.newItems(), items.size(), "round " + round);
            assertEquals(counted(items), items.approximateBytes(), "round " + round);
        }
        assertTrue(items.approximateBytes() > 0);
        assertEquals(items.approximateBytes(), items.copy().approximateBytes());
        Items restored = BoardState.restore(new BoardState("b", "t").snapshot()).items();
        items.forEachOp(restored::apply);
        assertEquals(items.approximateBytes(), restored.approximateBytes());
    }

    @Test
    @DisplayName("LI-13: a batch over a cap is refused; deleting an existing item is always allowed")
    void limitsRefuseGrowthOnly() {
        Items items = new Items();
        Stamp s1 = new Stamp(1, 0, "replicaA");
        items.apply(new Op("a", "text", "\"hallo\"", s1));
        BoardLimits oneItem = new BoardLimits(1, Long.MAX_VALUE);
        assertTrue(oneItem.refusal(items, List.of(new Op("b", "text", "\"x\"", s1))) != null);
        assertEquals(null, oneItem.refusal(items, List.of(new Op("a", "text", "\"meer\"", new Stamp(2, 0, "replicaA")))));
        BoardLimits full = new BoardLimits(100, items.approximateBytes());
        assertTrue(full.refusal(items, List.of(new Op("a", "text", "\"langer\"", new Stamp(2, 0, "replicaA")))) != null);
        assertEquals(null, full.refusal(items, List.of(new Op("a", "deleted", "true", new Stamp(2, 0, "replicaA")))));
        assertTrue(full.refusal(items, List.of(new Op("new", "deleted", "true", new Stamp(2, 0, "replicaA")))) != null,
                "a delete of an item that does not exist makes one: not free");
        assertEquals(null, full.refusal(items, List.of(new Op("a", "text", "\"\"", new Stamp(2, 0, "replicaA")))));
    }
}
