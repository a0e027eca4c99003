package be.samenbord.board.codec;

import be.samenbord.board.Op;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Reading ops: what is shared between the ops of one batch (issue 18, heap per board). */
class OpCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<Op> readBatch(String ops) throws Exception {
        List<Op> out = new ArrayList<>();
        for (JsonNode n : JSON.readTree(ops)) out.add(OpCodec.read(n, out.isEmpty() ? null : out.get(out.size() - 1)));
        return out;
    }

    @Test
    @DisplayName("OP-2: the ops of a note in one batch share one item string; field names are shared across batches; values and stamps are as sent")
    void oneItemStringPerNote() throws Exception {
        List<Op> ops = readBatch("""
                [{"i":"note-1","f":"kind","v":"note","s":[1,0,"replica-a1"]},
                 {"i":"note-1","f":"text","v":"Hallo","s":[1,1,"replica-a1"]},
                 {"i":"note-1","f":"x","v":10,"s":[1,2,"replica-a1"]},
                 {"i":"note-2","f":"kind","v":"note","s":[1,3,"replica-a1"]},
                 {"i":"note-2","f":"x","v":20,"s":[1,4,"replica-a1"]}]""");
        assertSame(ops.get(0).item(), ops.get(1).item());
        assertSame(ops.get(0).item(), ops.get(2).item());
        assertNotSame(ops.get(2).item(), ops.get(3).item());
        assertSame(ops.get(3).item(), ops.get(4).item());
        assertEquals("note-2", ops.get(4).item());
        assertSame(ops.get(0).field(), ops.get(3).field(), "field names are interned");
        assertEquals(List.of("\"note\"", "\"Hallo\"", "10", "\"note\"", "20"), ops.stream().map(Op::json).toList());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), ops.stream().map(o -> o.stamp().counter()).toList());
    }

    @Test
    @DisplayName("OP-2: short values are one shared copy (issue 18, heap per board), long ones each their own")
    void shortValuesAreShared() throws Exception {
        String shortOne = OpCodec.valueJson(JSON.readTree("\"Bannen\""));
        assertSame(shortOne, OpCodec.valueJson(JSON.readTree("\"Bannen\"")));
        assertSame(OpCodec.valueJson(JSON.readTree("1234")), OpCodec.valueJson(JSON.readTree("1234")));
        assertSame(OpCodec.valueJson(JSON.readTree("12.5")), OpCodec.valueJson(JSON.readTree("12.5")));
        String longText = "\"" + "x".repeat(OpCodec.SHARED_VALUE) + "\"";
        assertNotSame(OpCodec.valueJson(JSON.readTree(longText)), OpCodec.valueJson(JSON.readTree(longText)));
        assertEquals(longText, OpCodec.valueJson(JSON.readTree(longText)));
    }

    /** Seeds of {@link #valueTextAsJacksonWritesIt}; {@code -Dseeds=random} runs fresh ones (printed, testkit.Seeds). */
    private static final long[] SEEDS = {1, 2, 3, 42, 2026_12_07};
    /** Seeds that once failed. */
    private static final long[] PINNED = {};

    @Test
    @DisplayName("OP-2: a value's JSON text is what Jackson's toString() writes, for strings with quotes, backslashes, controls, non-ASCII and pairs, and for every scalar kind")
    void valueTextAsJacksonWritesIt() throws Exception {
        List<Long> seeds = be.samenbord.testkit.Seeds.of("OpCodecTest", null, SEEDS, PINNED, 5).boxed().toList();
        String alphabet = "aZ09 \"\\/\b\f\n\r\t\u0000\u001f\u007f\u00e9\u20ac\u2028\u2029\ud83d\ude00<>&'";
        for (long seed : seeds) {
            java.util.Random r = new java.util.Random(seed);
            for (int k = 0; k < 2_000; k++) {
                StringBuilder b = new StringBuilder();
                int len = r.nextInt(12);
                for (int c = 0; c < len; c++) {
                    char ch = alphabet.charAt(r.nextInt(alphabet.length()));
                    if (Character.isHighSurrogate(ch)) b.append(ch).append('\ude00');
                    else if (!Character.isLowSurrogate(ch)) b.append(ch);
                }
                JsonNode text = JSON.getNodeFactory().textNode(b.toString());
                assertEquals(text.toString(), OpCodec.valueJson(text), "seed " + seed + ": " + text);
                JsonNode parsed = JSON.readTree(text.toString());
                assertEquals(parsed.toString(), OpCodec.valueJson(parsed), "seed " + seed + " parsed: " + text);
            }
            for (String raw : List.of("0", "-1", "123", "2147483648", "-9007199254740991", "9223372036854775807", "1.5", "-0.0", "1e300",
                    "true", "false", "null", "{\"a\":[1,\"b\"]}", "[]", "18446744073709551616")) {
                JsonNode v = JSON.readTree(raw);
                assertEquals(v.toString(), OpCodec.valueJson(v), raw);
            }
        }
    }
}
