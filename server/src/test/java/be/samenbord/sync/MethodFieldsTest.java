package be.samenbord.sync;

import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.TestNode;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The methods' own fields at the edge: arrows on a change map are items with ref fields (IT-6); the
 * integrative method's scores are per-person whole numbers (IT-7). Anything else is refused.
 */
class MethodFieldsTest {

    static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    @DisplayName("IT-6: an arrow (kind arrow, from and to naming notes) is acked, fanned out and on the board")
    void arrowIsAnItem() {
        TestNode.Board board = node.board("change-map");
        OpsBuilder ops = new OpsBuilder("replicaARRO");
        try (WsClient a = node.connect(); WsClient b = node.connect()) {
            a.join(board.token("participant"), board.id(), "replicaARRO", "Anna");
            b.join(board.token("participant"), board.id(), "replicaBRAM", "Bram");
            a.send(ops.note("n1", "act", "Scan van de huidige situatie", "activities"));
            a.send(ops.note("n2", "res", "Inzicht in het verschil", "direct-results"));
            a.send(OpsBuilder.batch("arrow", ops.op("p1", "kind", "arrow"), ops.op("p1", "from", "act"), ops.op("p1", "to", "res")));
            assertEquals("arrow", a.next(f -> f.path("t").asText().equals("ack") && f.path("batch").asText().equals("arrow")).path("batch").asText());
            JsonNode seen = b.next(f -> f.path("t").asText().equals("ops") && f.path("ops").get(0).path("i").asText().equals("p1"));
            assertEquals(3, seen.path("ops").size());
            a.send(OpsBuilder.batch("unhook", ops.op("p1", "to", null)));
            a.next(f -> f.path("t").asText().equals("ack") && f.path("batch").asText().equals("unhook"));
        }
        JsonNode items = node.api.get("/api/boards/" + board.id(), board.token("participant")).body().path("items");
        assertEquals("arrow", items.path("p1").path("kind").path("v").asText());
        assertEquals("act", items.path("p1").path("from").path("v").asText());
        assertTrue(items.path("p1").path("to").path("v").isNull(), "a null end is allowed: " + items.path("p1"));
    }

    @Test
    @DisplayName("IT-6: a ref field that is no item id (a number, a bad id, a text op) and an arrow on a board without arrows get invalid_op; nothing is applied")
    void badArrowsAreRefused() throws Exception {
        TestNode.Board map = node.board("change-map");
        TestNode.Board windroos = node.board("windroos");
        OpsBuilder ops = new OpsBuilder("replicaBADA");
        try (WsClient c = node.connect(); WsClient w = node.connect()) {
            c.join(map.token("participant"), map.id(), "replicaBADA", "Bad");
            String[] bad = {"42", "\"not an id!\"", "\"" + "x".repeat(65) + "\"", "{\"ins\":[],\"after\":null}", "[\"act\"]"};
            for (int i = 0; i < bad.length; i++) {
                ObjectNode op = ops.op("bad" + i, "from", null);
                op.set("v", WsClient.JSON.readTree(bad[i]));
                c.send(OpsBuilder.batch("b" + i, ops.op("bad" + i, "kind", "arrow"), op));
                assertEquals("b" + i, c.nextError("invalid_op").path("batch").asText(), "for " + bad[i]);
            }
            w.join(windroos.token("participant"), windroos.id(), "replicaBADA", "Bad");
            w.send(OpsBuilder.batch("elsewhere", ops.op("q", "kind", "arrow")));
            assertEquals("elsewhere", w.nextError("invalid_op").path("batch").asText());
        }
        JsonNode items = node.api.get("/api/boards/" + map.id(), map.token("participant")).body().path("items");
        for (int i = 0; i < 5; i++) assertTrue(items.path("bad" + i).isMissingNode(), "bad" + i + " applied: " + items.path("bad" + i));
    }

    @Test
    @DisplayName("IT-7: a person scores a candidate with their own <criterion>:<replica> from 0 to 3 or null; another's field, 4, 1.5 or text get invalid_op")
    void scoresArePerPersonWholeNumbers() throws Exception {
        TestNode.Board board = node.board("integrative-criteria");
        OpsBuilder ops = new OpsBuilder("replicaSCOR");
        try (WsClient c = node.connect()) {
            c.join(board.token("participant"), board.id(), "replicaSCOR", "Sofie");
            c.send(ops.note("n", "cand", "Wekelijks bewegingsmoment", "candidate-1.action"));
            c.send(OpsBuilder.batch("mine", ops.op("cand", "probable:replicaSCOR", 3), ops.op("cand", "changeable:replicaSCOR", 0)));
            c.next(f -> f.path("t").asText().equals("ack") && f.path("batch").asText().equals("mine"));
            c.send(OpsBuilder.batch("back", ops.op("cand", "changeable:replicaSCOR", null)));
            c.next(f -> f.path("t").asText().equals("ack") && f.path("batch").asText().equals("back"));
            String[][] bad = {{"probable:replicaOTHR", "2"}, {"probable", "2"}, {"vision:replicaSCOR", "4"}, {"vision:replicaSCOR", "-1"},
                    {"vision:replicaSCOR", "1.5"}, {"vision:replicaSCOR", "\"3\""}, {"vision:replicaSCOR", "true"}};
            for (int i = 0; i < bad.length; i++) {
                ObjectNode op = ops.op("cand", bad[i][0], null);
                op.set("v", WsClient.JSON.readTree(bad[i][1]));
                c.send(OpsBuilder.batch("s" + i, op));
                assertEquals("s" + i, c.nextError("invalid_op").path("batch").asText(), "for " + bad[i][0] + " = " + bad[i][1]);
            }
        }
        JsonNode cand = node.api.get("/api/boards/" + board.id(), board.token("participant")).body().path("items").path("cand");
        assertEquals(3, cand.path("probable:replicaSCOR").path("v").asInt());
        assertTrue(cand.path("changeable:replicaSCOR").path("v").isNull(), "a score taken back: " + cand);
        assertTrue(cand.path("probable:replicaOTHR").isMissingNode() && cand.path("vision:replicaSCOR").isMissingNode(), "nothing refused applied: " + cand);
    }
}
