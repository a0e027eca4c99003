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
}
