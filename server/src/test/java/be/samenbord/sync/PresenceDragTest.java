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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Live dragging as presence (rule PR-5) over real WebSockets, and its cluster relay encoding (CU-3). */
class PresenceDragTest {

    static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static ObjectNode dragFrame(Object... entries) {
        ObjectNode f = WsClient.frame("presence");
        f.putArray("cursor").add(10).add(20);
        ArrayNode drag = f.putArray("drag");
        for (int i = 0; i + 2 < entries.length; i += 3) drag.addArray().add((String) entries[i]).add((Integer) entries[i + 1]).add((Integer) entries[i + 2]);
        return f;
    }

    @Test
    @DisplayName("PR-5: a drag in presence reaches the others with where each dragged note is; a frame without it means no drag")
    void dragIsRelayed() {
        TestNode.Board board = node.board("windroos");
        try (WsClient a = node.connect(); WsClient b = node.connect()) {
            a.join(board.token("participant"), board.id(), "dragAnna01", "Anna");
            b.join(board.token("participant"), board.id(), "dragBert01", "Bert");
            a.send(dragFrame("n1", 300, 410, "n2", 480, 410));
            JsonNode got = b.next(f -> f.path("t").asText().equals("presence") && f.has("drag"));
            assertEquals("dragAnna01", got.path("replica").asText());
            assertEquals("[[\"n1\",300,410],[\"n2\",480,410]]", got.path("drag").toString());
            a.send(WsClient.frame("presence").putNull("cursor"));
            JsonNode after = b.next(f -> f.path("t").asText().equals("presence") && f.path("cursor").isNull());
            assertFalse(after.has("drag"), "no drag field once the drag is over: " + after);
        }
    }

    @Test
    @DisplayName("PR-5: a malformed drag gets bad_message and the connection stays open")
    void malformedDrag() {
        TestNode.Board board = node.board("three-b");
        try (WsClient a = node.connect()) {
            a.join(board.token("participant"), board.id(), "dragAnna02", "Anna");
            a.send(WsClient.frame("presence").put("drag", "n1"));
            a.nextError("bad_message");
            a.send(dragFrame("bad id!", 1, 2));
            a.nextError("bad_message");
            ObjectNode far = WsClient.frame("presence");
            far.putArray("drag").addArray().add("n1").add(1e9).add(0);
            a.send(far);
            a.nextError("bad_message");
            ObjectNode many = WsClient.frame("presence");
            ArrayNode list = many.putArray("drag");
            for (int i = 0; i < 201; i++) list.addArray().add("n" + i).add(0).add(0);
            a.send(many);
            a.nextError("bad_message");
            a.send(dragFrame("n1", 5, 5));
            assertFalse(a.isClosed());
        }
    }

    @Test
    @DisplayName("PR-5, ID-7: during private writing a drag of someone's private note reaches nobody else; other entries do")
    void privateNoteDragStaysPrivate() {
        TestNode.Board board = node.board("three-b");
        try (WsClient f = node.connect(); WsClient a = node.connect(); WsClient b = node.connect()) {
            f.join(board.token("facilitator"), board.id(), "dragFien01", "Fien");
            a.join(board.token("participant"), board.id(), "dragAnna03", "Anna");
            b.join(board.token("participant"), board.id(), "dragBert03", "Bert");
            a.send(OpsBuilder.batch("open-1", new OpsBuilder("dragAnna03").op("shared1", "kind", "note")));
            a.next("ack");
            f.send(WsClient.frame("control").put("request", "p1").put("action", "privateStart"));
            f.next("done");
            a.send(new OpsBuilder("dragAnna03", System.currentTimeMillis() + 1_000).note("a-1", "secret1", "Geheim", "keep"));
            a.next("ack");
            a.send(dragFrame("secret1", 40, 50, "shared1", 60, 70));
            JsonNode got = b.next(fr -> fr.path("t").asText().equals("presence") && fr.has("drag"));
            assertEquals("[[\"shared1\",60,70]]", got.path("drag").toString());
            assertFalse(b.all().stream().anyMatch(fr -> fr.toString().contains("secret1")), "Bert never hears of the private note");
        }
    }

    @Test
    @DisplayName("CU-3, PR-5: a relayed presence carries selection, caret and drag; a relay item of an older node (two entries) reads as no drag")
    void relayEncoding() throws Exception {
        var json = WsClient.JSON;
        JsonNode selection = json.readTree("[\"n1\"]");
        JsonNode caret = json.readTree("{\"i\":\"n1\",\"f\":\"text\",\"at\":null,\"to\":null}");
        JsonNode drag = json.readTree("[[\"n1\",1.5,2]]");
        JsonNode rest = json.readTree(ClusterRelay.presenceRest(selection, caret, drag));
        assertEquals(selection, ClusterRelay.restPart(rest, 0));
        assertEquals(caret, ClusterRelay.restPart(rest, 1));
        assertEquals(drag, ClusterRelay.restPart(rest, 2));
        JsonNode none = json.readTree(ClusterRelay.presenceRest(null, null, null));
        assertNull(ClusterRelay.restPart(none, 0));
        assertNull(ClusterRelay.restPart(none, 2));
        JsonNode older = json.readTree("[[\"n1\"],null]");
        assertEquals(selection, ClusterRelay.restPart(older, 0));
        assertNull(ClusterRelay.restPart(older, 2));
        assertTrue(ClusterRelay.presenceRest(null, null, drag).endsWith(",[[\"n1\",1.5,2]]]"));
    }
}
