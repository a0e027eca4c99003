package be.samenbord.sync;

import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.TestNode;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every error code provoked on purpose (rules ER-1, ER-2, LI-*, AU-*), and after each one the
 * offending connection and the board still work for everyone (DESIGN invariant 3).
 */
class SyncErrorsTest {

    static TestNode node;
    TestNode.Board board;
    WsClient offender;
    WsClient bystander;
    OpsBuilder offenderOps;
    int batchNo;

    @BeforeAll
    static void start() {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @BeforeEach
    void joinTwo() {
        board = node.board("windroos");
        bystander = node.connect();
        bystander.join(board.token("participant"), board.id(), "replicaBYST", "Bystander");
        offender = node.connect();
        offenderOps = new OpsBuilder("replicaOFFE");
    }

    @AfterEach
    void close() {
        offender.close();
        bystander.close();
    }

    private void joinOffender() {
        offender.join(board.token("participant"), board.id(), "replicaOFFE", "Offender");
    }

    /** The offender's connection and the board still work: a good batch is acked and fanned out. */
    private void stillWorks() {
        String id = "ok-" + (++batchNo);
        JsonNode ack = sendAcked(id, offenderOps.note(id, "item-" + id, "nog steeds goed", "east"));
        JsonNode seen = bystander.next(f -> f.path("t").asText().equals("ops")
                && f.path("ops").get(0).path("i").asText().equals("item-" + id));
        assertEquals(ack.path("seq").asLong(), seen.path("seq").asLong());
        assertFalse(offender.isClosed());
    }

    /**
     * Sends a batch as a real client does: resent while the server answers rate_limited for it
     * (bounded: 200 tries or 10 s). Returns the ack.
     */
    private JsonNode sendAcked(String id, JsonNode batch) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        for (int i = 0; i < 200 && System.nanoTime() < deadline; i++) {
            offender.send(batch);
            JsonNode reply = offender.next(f -> f.path("batch").asText().equals(id)
                    && (f.path("t").asText().equals("ack") || f.path("t").asText().equals("error")));
            if (reply.path("t").asText().equals("ack")) return reply;
            assertEquals("rate_limited", reply.path("code").asText(), reply.toString());
        }
        throw new AssertionError("batch " + id + " was never acknowledged");
    }

    private void assertNotOnBoard(String item) {
        JsonNode items = node.api.get("/api/boards/" + board.id(), board.token("participant")).body().path("items");
        assertTrue(items.path(item).isMissingNode(), item + " must not be on the board: " + items.path(item));
    }

    @Test
    @DisplayName("ER-2: bad JSON gets bad_message")
    void badJson() {
        joinOffender();
        offender.send("{\"t\":\"ops\", this is not json");
        offender.nextError("bad_message");
        offender.send("[1,2,3]");
        offender.nextError("bad_message");
        stillWorks();
    }

    @Test
    @DisplayName("ER-2: unknown t gets bad_message and the connection stays open")
    void unknownType() {
        joinOffender();
        offender.send(WsClient.frame("teleport").put("to", "mars"));
        assertTrue(offender.nextError("bad_message").path("message").asText().contains("teleport"));
        stillWorks();
    }

    @Test
    @DisplayName("LI-1: a frame over 64 KiB gets too_large; nothing of it is applied")
    void frameTooLarge() {
        joinOffender();
        ObjectNode big = OpsBuilder.batch("big-1", offenderOps.op("huge", "text", "x".repeat(3000)));
        for (int i = 0; i < 30; i++) ((com.fasterxml.jackson.databind.node.ArrayNode) big.get("ops")).add(offenderOps.op("huge" + i, "text", "y".repeat(3000)));
        assertTrue(big.toString().length() > 64 * 1024);
        offender.send(big);
        assertEquals("too_large", offender.next("error").path("code").asText());
        stillWorks();
        assertNotOnBoard("huge");
    }

    @Test
    @DisplayName("HE-1: ops before hello get bad_message")
    void opsBeforeHello() {
        offender.send(offenderOps.note("early-1", "early", "te vroeg", "south"));
        offender.nextError("bad_message");
        joinOffender();
        stillWorks();
        assertNotOnBoard("early");
    }

    @Test
    @DisplayName("AU-3: a wrong token gets unauthorized; a later good hello on the same connection works")
    void wrongToken() {
        offender.send(WsClient.hello("not-a-real-token-aaaaaaaaaaaaaaaaaaaaaa", board.id(), "replicaOFFE", "Offender"));
        offender.nextError("unauthorized");
        joinOffender();
        stillWorks();
    }

    @Test
    @DisplayName("AU-3: another workshop's board gets forbidden; an unknown board gets unknown_board")
    void otherWorkshopsBoard() {
        TestNode.Board other = node.board("windroos");
        offender.send(WsClient.hello(other.token("facilitator"), board.id(), "replicaOFFE", "Offender"));
        offender.nextError("forbidden");
        offender.send(WsClient.hello(board.token("participant"), "no-such-board", "replicaOFFE", "Offender"));
        offender.nextError("unknown_board");
        joinOffender();
        stillWorks();
    }

    @Test
    @DisplayName("AU-2: an observer's ops get forbidden and are not applied")
    void observerWriting() {
        offender.join(board.token("observer"), board.id(), "replicaOBSV", "Watcher");
        OpsBuilder observerOps = new OpsBuilder("replicaOBSV");
        offender.send(observerOps.note("obs-1", "spy", "mag niet", "south"));
        JsonNode e = offender.nextError("forbidden");
        assertEquals("obs-1", e.path("batch").asText());
        assertNotOnBoard("spy");
        // The board still works for the others.
        try (WsClient writer = node.connect()) {
            writer.join(board.token("participant"), board.id(), "replicaWRIT", "Writer");
            writer.send(new OpsBuilder("replicaWRIT").note("w-1", "fine", "wel goed", "west"));
            writer.next("ack");
            assertEquals("fine", offender.next("ops").path("ops").get(0).path("i").asText());
        }
    }

    @Test
    @DisplayName("ST-4: a stamp 10 minutes ahead gets clock_skew and the whole batch is refused")
    void clockSkew() {
        joinOffender();
        long future = System.currentTimeMillis() + 10 * 60_000;
        offender.send(OpsBuilder.batch("skew-1", offenderOps.op("ok-part", "text", "goed"),
                offenderOps.op("future", "text", "uit de toekomst", future)));
        assertEquals("skew-1", offender.nextError("clock_skew").path("batch").asText());
        assertNotOnBoard("ok-part");
        assertNotOnBoard("future");
        stillWorks();
    }

    @Test
    @DisplayName("OP-3, IT-*: an invalid op rejects its whole batch with invalid_op")
    void invalidOpsRejectTheWholeBatch() {
        joinOffender();
        String[][] bad = {
                {"zone", "\"atlantis\""}, {"text", "\"" + "z".repeat(4001) + "\""}, {"x", "\"left\""},
                {"deleted", "\"yes\""}, {"kind", "\"rocket\""}, {"z", "\"b0\""}, {"vote:replicaBYST", "3"},
                {"Bad Field", "1"}, {"color", "\"<script>\""}, {"vote:replicaOFFE", "4294967301"}};
        int n = 0;
        for (String[] b : bad) {
            String id = "bad-" + (n++);
            ObjectNode badOp = offenderOps.op("victim", b[0], null);
            try {
                badOp.set("v", WsClient.JSON.readTree(b[1]));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            offender.send(OpsBuilder.batch(id, offenderOps.op("victim", "text", "half"), badOp));
            JsonNode e = offender.nextError("invalid_op");
            assertEquals(id, e.path("batch").asText(), "for field " + b[0]);
        }
        ObjectNode tooMany = OpsBuilder.batch("many");
        for (int i = 0; i < 501; i++) ((com.fasterxml.jackson.databind.node.ArrayNode) tooMany.get("ops")).add(offenderOps.op("m", "x", i));
        offender.send(tooMany);
        offender.nextError("invalid_op");
        ObjectNode bigCounter = offenderOps.op("victim", "text", "tel ver");
        ((com.fasterxml.jackson.databind.node.ArrayNode) bigCounter.get("s")).set(1, WsClient.JSON.getNodeFactory().numberNode(9_007_199_254_740_991L));
        offender.send(OpsBuilder.batch("counter", bigCounter));
        offender.nextError("invalid_op");
        offender.send(OpsBuilder.batch("forged", offenderOps.op("victim", "text", "half"),
                new OpsBuilder("replicaBYST").op("victim", "text", "in your name")));
        offender.nextError("invalid_op");
        assertNotOnBoard("victim");
        assertNotOnBoard("m");
        stillWorks();
    }

    @Test
    @DisplayName("LI-4: a flood gets rate_limited; after it the connection works again")
    void flood() {
        joinOffender();
        String presence = WsClient.frame("presence").putNull("cursor").toString();
        for (int i = 0; i < 1_000; i++) offender.send(presence);
        offender.nextError("rate_limited");
        // Dropped batches are named in rate_limited; resending them gets them through once the bucket refills.
        sendAcked("after-flood", offenderOps.note("after-flood", "af", "weer rustig", "east"));
        stillWorks();
    }
}
