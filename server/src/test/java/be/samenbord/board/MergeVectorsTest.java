package be.samenbord.board;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Rules ST-1, ST-2, IT-*: the shared vectors hold in the given order and in any other. */
class MergeVectorsTest {

    static Stream<Vectors.MergeCase> cases() {
        return Vectors.mergeCases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void givenOrderGivesExpectedState(Vectors.MergeCase c) {
        Items items = c.start().copy();
        c.batches().forEach(items::applyAll);
        assertEquals(c.expected(), Vectors.toJson(items), c.description());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyOrderWithDuplicatesGivesExpectedState(Vectors.MergeCase c) {
        for (int seed = 0; seed < 50; seed++) {
            Random random = new Random(seed);
            List<List<Op>> shuffled = new ArrayList<>(c.batches());
            shuffled.addAll(c.batches().subList(0, random.nextInt(c.batches().size() + 1)));
            Collections.shuffle(shuffled, random);
            Items items = c.start().copy();
            shuffled.forEach(items::applyAll);
            assertEquals(c.expected(), Vectors.toJson(items), c.name() + " with order seed " + seed);
        }
    }

    @org.junit.jupiter.api.Test
    void vectorsExist() {
        assertFalse(Vectors.mergeCases().toList().isEmpty(), "no vectors found in server/vectors/merge");
    }
}
