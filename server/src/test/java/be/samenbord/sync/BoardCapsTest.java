package be.samenbord.sync;

import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.TestNode;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finding "a participant grows a board without bound" (issue 12 item 7): one participant grew a
 * board to 44 MB in 8 s, and every joiner then got a 44 MB welcome (rule LI-13).
 */
class BoardCapsTest {

    static final int MAX_ITEMS = 10;
    static final int MAX_BYTES = 64 * 1024;
    static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start("SAMENBORD_MAX_ITEMS_PER_BOARD", Integer.toString(MAX_ITEMS),
                "SAMENBORD_MAX_BOARD_BYTES", Integer.toString(MAX_BYTES));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static JsonNode items(TestNode.Board board) {
        return node.api.get("/api/boards/" + board.id(), board.token("observer")).body().path("items");
    }

    private static JsonNode reply(WsClient c, String batch) {
        return c.next(f -> f.path("batch").asText().equals(batch) && (f.path("t").asText().equals("ack") || f.path("t").asText().equals("error")));
    }

    private static ObjectNode notes(OpsBuilder ops, String batch, int from, int count) {
        ObjectNode b = OpsBuilder.batch(batch);
        for (int i = from; i < from + count; i++) {
            ObjectNode note = ops.note("x", "n" + i, "notitie " + i, "south");
            note.get("ops").forEach(op -> ((ArrayNode) b.get("ops")).add(op));
        }
        return b;
    }

    @Test
    @DisplayName("LI-13: a batch that would pass SAMENBORD_MAX_ITEMS_PER_BOARD gets too_large with its batch id; nothing is applied")
    void itemsPerBoardAreCapped() {
        TestNode.Board board = node.board("windroos");
        try (WsClient writer = node.connect(); WsClient reader = node.connect()) {
            writer.join(board.token("participant"), board.id(), "replicaWRIT", "Writer");
            reader.join(board.token("observer"), board.id(), "replicaREAD", "Reader");
            OpsBuilder ops = new OpsBuilder("replicaWRIT");
            writer.send(notes(ops, "eight", 0, 8));
            assertEquals("ack", reply(writer, "eight").path("t").asText());
            writer.send(notes(ops, "three", 8, 3));
            JsonNode refused = reply(writer, "three");
            assertEquals("too_large", refused.path("code").asText(), refused.toString());
            assertEquals(8, items(board).size(), "nothing of the refused batch");
            writer.send(notes(ops, "two", 8, 2));
            assertEquals("ack", reply(writer, "two").path("t").asText());
            // At the cap: existing items still change, and are deleted.
            writer.send(OpsBuilder.batch("edit", ops.op("n0", "text", "anders"), ops.op("n1", "deleted", true)));
            assertEquals("ack", reply(writer, "edit").path("t").asText());
            writer.send(notes(ops, "one", 10, 1));
            assertEquals("too_large", reply(writer, "one").path("code").asText());
            assertEquals(10, items(board).size());
            // The reader saw exactly the accepted batches: 8 notes of 5 ops, then 2.
            assertEquals(40, reader.next("ops").path("ops").size());
            assertEquals(10, reader.next("ops").path("ops").size());
        }
    }

    @Test
    @DisplayName("LI-13: a batch that would pass SAMENBORD_MAX_BOARD_BYTES gets too_large; deleting and shrinking still work")
    void bytesPerBoardAreCapped() {
        TestNode.Board board = node.board("windroos");
        try (WsClient writer = node.connect()) {
            writer.join(board.token("participant"), board.id(), "replicaBYTE", "Bytes");
            OpsBuilder ops = new OpsBuilder("replicaBYTE");
            writer.send(ops.note("note", "big", "groot", "south"));
            assertEquals("ack", reply(writer, "note").path("t").asText());
            ObjectNode first = OpsBuilder.batch("first");
            for (int k = 0; k < 12; k++) ((ArrayNode) first.get("ops")).add(ops.op("big", "f" + k, "w".repeat(3_900)));
            writer.send(first);
            assertEquals("ack", reply(writer, "first").path("t").asText());
            ObjectNode second = OpsBuilder.batch("second");
            for (int k = 12; k < 18; k++) ((ArrayNode) second.get("ops")).add(ops.op("big", "f" + k, "w".repeat(3_900)));
            writer.send(second);
            JsonNode refused = reply(writer, "second");
            assertEquals("too_large", refused.path("code").asText(), refused.toString());
            assertTrue(items(board).path("big").path("f12").isMissingNode(), "nothing of the refused batch");
            writer.send(OpsBuilder.batch("shrink", ops.op("big", "f0", "")));
            assertEquals("ack", reply(writer, "shrink").path("t").asText());
            writer.send(OpsBuilder.batch("gone", ops.op("big", "deleted", true)));
            assertEquals("ack", reply(writer, "gone").path("t").asText());
        }
    }
}
