package be.samenbord.board;

import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rule IT-4: fractional index keys. */
@net.jqwik.api.lifecycle.AddLifecycleHook(be.samenbord.testkit.FreshSeeds.class)
class FractionalIndexTest {

    @Provide
    Arbitrary<List<Integer>> insertions() {
        return Arbitraries.integers().between(0, 1000).list().ofMinSize(1).ofMaxSize(60);
    }

    /** Inserting anywhere in a sorted list keeps it sorted, with valid, distinct keys. */
    @Property(tries = 300, seed = MergePropertiesTest.SEED)
    void insertingAnywhereKeepsOrder(@ForAll("insertions") List<Integer> positions) {
        List<String> keys = new ArrayList<>();
        for (int p : positions) {
            int at = p % (keys.size() + 1);
            String before = at == 0 ? null : keys.get(at - 1);
            String after = at == keys.size() ? null : keys.get(at);
            String key = FractionalIndex.between(before, after);
            assertTrue(FractionalIndex.isValid(key), key);
            if (before != null) assertTrue(before.compareTo(key) < 0, before + " < " + key);
            if (after != null) assertTrue(key.compareTo(after) < 0, key + " < " + after);
            keys.add(at, key);
        }
    }

    @Test
    void appendingManyKeepsKeysShort() {
        String last = null;
        for (int i = 0; i < 1000; i++) last = FractionalIndex.between(last, null);
        assertTrue(last.length() <= 4, last);
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> FractionalIndex.between("b", "a"));
        assertThrows(IllegalArgumentException.class, () -> FractionalIndex.between("a", "a"));
        assertThrows(IllegalArgumentException.class, () -> FractionalIndex.between("a00", null));
        assertThrows(IllegalArgumentException.class, () -> FractionalIndex.between("b0", null));
        assertThrows(IllegalArgumentException.class, () -> FractionalIndex.between("a!", null));
        assertFalse(FractionalIndex.isValid(""));
        assertFalse(FractionalIndex.isValid("x".repeat(65)));
    }

    /** Frozen encodings (vectors/fractional-index.json): the web client must produce the same keys. */
    @Test
    void frozenVectorsStillHold() throws IOException {
        JsonNode cases = Vectors.JSON.readTree(Vectors.DIR.resolve("fractional-index.json").toFile()).get("cases");
        assertFalse(cases.isEmpty());
        for (JsonNode c : cases) {
            String a = c.get("before").isNull() ? null : c.get("before").asText();
            String b = c.get("after").isNull() ? null : c.get("after").asText();
            assertEquals(c.get("key").asText(), FractionalIndex.between(a, b), c.toString());
        }
    }
}
