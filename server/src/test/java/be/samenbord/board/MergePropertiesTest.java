package be.samenbord.board;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import be.samenbord.testkit.FreshSeeds;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Convergence properties of the merge (DESIGN invariant 1, rules ST-2, OP-4). Small domains make
 * collisions (same item, field, even same stamp) frequent. Seeds are fixed so CI is repeatable;
 * a failing seed found elsewhere goes into {@link SeededConvergenceTest#PINNED}.
 */
@AddLifecycleHook(FreshSeeds.class)
class MergePropertiesTest {

    static final String SEED = "20261122";

    @Provide
    Arbitrary<Op> op() {
        Arbitrary<String> item = Arbitraries.of("n1", "n2", "n3");
        Arbitrary<String> field = Arbitraries.of("text", "x", "zone", "deleted");
        Arbitrary<String> value = Arbitraries.of("\"a\"", "\"b\"", "1", "2.5", "true", "null", "{\"k\":[1]}");
        Arbitrary<Stamp> stamp = Combinators.combine(
                Arbitraries.longs().between(0, 4), Arbitraries.longs().between(0, 2), Arbitraries.of("replica01", "replica02", "replica03"))
                .as(Stamp::new);
        return Combinators.combine(item, field, value, stamp).as(Op::new);
    }

    @Provide
    Arbitrary<List<List<Op>>> batches() {
        return op().list().ofMinSize(1).ofMaxSize(5).list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<Items> states() {
        return op().list().ofMaxSize(15).map(MergePropertiesTest::itemsOf);
    }

    static Items itemsOf(List<Op> ops) {
        Items items = new Items();
        ops.forEach(items::apply);
        return items;
    }

    @Property(tries = 300, seed = SEED)
    void anyOrderWithDuplicatesConverges(@ForAll("batches") List<List<Op>> batches, @ForAll long shuffleSeed) {
        Items inOrder = new Items();
        batches.forEach(inOrder::applyAll);
        Random random = new Random(shuffleSeed);
        List<List<Op>> other = new ArrayList<>(batches);
        for (List<Op> b : batches) if (random.nextBoolean()) other.add(b);
        Collections.shuffle(other, random);
        Items shuffled = new Items();
        other.forEach(shuffled::applyAll);
        assertEquals(inOrder, shuffled);
    }

    @Property(tries = 300, seed = SEED)
    void mergeIsCommutative(@ForAll("states") Items a, @ForAll("states") Items b) {
        assertEquals(Items.merge(b, a), Items.merge(a, b));
    }

    @Property(tries = 300, seed = SEED)
    void mergeIsAssociative(@ForAll("states") Items a, @ForAll("states") Items b, @ForAll("states") Items c) {
        assertEquals(Items.merge(a, Items.merge(b, c)), Items.merge(Items.merge(a, b), c));
    }

    @Property(tries = 300, seed = SEED)
    void mergeIsIdempotent(@ForAll("states") Items a, @ForAll("states") Items b) {
        Items ab = Items.merge(a, b);
        assertEquals(a, Items.merge(a, a));
        assertEquals(ab, Items.merge(ab, b));
    }

    /** Fan-out sends only the ops that won; a peer applying just those must reach the same state. */
    @Property(tries = 300, seed = SEED)
    void winningOpsAloneCarryTheChange(@ForAll("states") Items start, @ForAll("batches") List<List<Op>> batches) {
        Items server = start.copy();
        Items peer = start.copy();
        for (List<Op> b : batches) peer.applyAll(server.applyAll(b));
        assertEquals(server, peer);
    }

    /** Snapshot + replay (recovery) rebuilds the live board, whatever the cut point. */
    @Property(tries = 200, seed = SEED)
    void snapshotThenReplayRebuildsTheBoard(@ForAll("batches") List<List<Op>> batches, @ForAll long cutSeed) {
        BoardState live = new BoardState("b1", "windroos");
        List<AcceptedBatch> journal = new ArrayList<>();
        int cut = batches.isEmpty() ? 0 : new Random(cutSeed).nextInt(batches.size() + 1);
        BoardSnapshot snap = live.snapshot();
        for (int i = 0; i < batches.size(); i++) {
            if (i == cut) snap = live.snapshot();
            if (live.submit("replica01", "b" + i, batches.get(i)) instanceof BoardState.Accepted a) journal.add(a.batch());
        }
        if (cut == batches.size()) snap = live.snapshot();
        BoardState rebuilt = BoardState.restore(snap);
        journal.forEach(rebuilt::replay);
        assertEquals(live.items(), rebuilt.items());
        assertEquals(live.seq(), rebuilt.seq());
    }
}
