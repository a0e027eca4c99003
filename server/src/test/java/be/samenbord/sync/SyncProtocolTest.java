package be.samenbord.sync;

import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.TestNode;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Happy paths of the WebSocket contract with two real clients on one node. */
class SyncProtocolTest {

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
    @DisplayName("HE-3, OP-5, OP-6: ops of one client reach the other; the sender gets its ack")
    void opsReachTheOtherClientAndTheSenderIsAcked() {
        TestNode.Board board = node.board("windroos");
        try (WsClient a = node.connect(); WsClient b = node.connect()) {
            JsonNode welcomeA = a.join(board.token("participant"), board.id(), "replicaAAA1", "Anna");
            assertEquals("participant", welcomeA.path("role").asText());
            assertEquals(0, welcomeA.path("seq").asLong());
            assertTrue(welcomeA.path("snapshot").isObject());
            assertTrue(welcomeA.path("time").asLong() > 0);
            JsonNode welcomeB = b.join(board.token("facilitator"), board.id(), "replicaBBB2", "Bert");
            assertEquals("Anna", welcomeB.path("peers").get(0).path("name").asText());
            assertEquals("facilitator", welcomeB.path("role").asText());

            OpsBuilder ops = new OpsBuilder("replicaAAA1");
            a.send(ops.note("batch-1", "note1", "Trots op ons team", "south"));
            JsonNode ack = a.next("ack");
            assertEquals("batch-1", ack.path("batch").asText());
            assertEquals(1, ack.path("seq").asLong());
            JsonNode fanned = b.next("ops");
            assertEquals(1, fanned.path("seq").asLong());
            assertEquals(5, fanned.path("ops").size());
            assertFalse(a.all().stream().anyMatch(f -> f.path("t").asText().equals("ops")), "the sender gets no echo");

            JsonNode rest = node.api.get("/api/boards/" + board.id(), board.token("observer")).body();
            assertEquals(1, rest.path("seq").asLong());
            assertEquals("south", rest.path("items").path("note1").path("zone").path("v").asText());
            assertEquals("windroos", rest.path("template").asText());
        }
    }

    @Test
    @DisplayName("OP-4: a resent batch is acked again with the same seq and applied once")
    void resentBatchIsAckedAgainAndAppliedOnce() {
        TestNode.Board board = node.board("three-b");
        try (WsClient a = node.connect(); WsClient b = node.connect()) {
            a.join(board.token("participant"), board.id(), "replicaAAA1", "Anna");
            b.join(board.token("participant"), board.id(), "replicaBBB2", "Bert");
            OpsBuilder ops = new OpsBuilder("replicaAAA1");
            JsonNode first = ops.note("dup-1", "n1", "Behouden: teamoverleg", "keep");
            a.send(first);
            assertEquals(1, a.next("ack").path("seq").asLong());
            a.send(first);
            JsonNode again = a.next("ack");
            assertEquals("dup-1", again.path("batch").asText());
            assertEquals(1, again.path("seq").asLong());
            a.send(ops.note("dup-2", "n2", "Bannen: lange mails", "drop"));
            assertEquals(2, a.next("ack").path("seq").asLong());
            // B's ops frames are exactly seq 1 then seq 2: the duplicate was never fanned out.
            assertEquals(1, b.next("ops").path("seq").asLong());
            assertEquals(2, b.next("ops").path("seq").asLong());
            assertEquals(2, node.api.get("/api/boards/" + board.id(), board.token("participant")).body().path("seq").asLong());
        }
    }

    @Test
    @DisplayName("HE-4: hello with since gets only the ops after it, no snapshot")
    void helloWithSinceGetsTheMissingOps() {
        TestNode.Board board = node.board("windroos");
        try (WsClient a = node.connect()) {
            a.join(board.token("participant"), board.id(), "replicaAAA1", "Anna");
            OpsBuilder ops = new OpsBuilder("replicaAAA1");
            for (int i = 1; i <= 3; i++) {
                a.send(ops.note("s-" + i, "n" + i, "inzicht " + i, "north"));
                a.next("ack");
            }
        }
        try (WsClient c = node.connect()) {
            c.send(WsClient.hello(board.token("participant"), board.id(), "replicaCCC3", "Cas").put("since", 2));
            JsonNode welcome = c.next("welcome");
            assertEquals(3, welcome.path("seq").asLong());
            assertTrue(welcome.path("snapshot").isMissingNode(), "no snapshot when answering since");
            assertEquals(5, welcome.path("ops").size());
            assertEquals("n3", welcome.path("ops").get(0).path("i").asText());
        }
    }

    @Test
    @DisplayName("PR-1, PR-2, PR-3: presence reaches the others; left when a connection goes")
    void presenceAndLeft() {
        TestNode.Board board = node.board("circle-of-influence");
        try (WsClient a = node.connect(); WsClient b = node.connect()) {
            b.join(board.token("participant"), board.id(), "replicaBBB2", "Bert");
            a.join(board.token("observer"), board.id(), "replicaAAA1", "Anna");
            JsonNode joined = b.next("presence");
            assertEquals("replicaAAA1", joined.path("replica").asText());
            a.send(WsClient.frame("presence").set("cursor", WsClient.JSON.createArrayNode().add(120).add(-30.5)));
            JsonNode moved = b.next(f -> f.path("t").asText().equals("presence") && f.path("cursor").isArray());
            assertEquals("Anna", moved.path("name").asText());
            assertEquals(-30.5, moved.path("cursor").get(1).asDouble());
            a.close();
            assertEquals("replicaAAA1", b.next("left").path("replica").asText());
        }
    }

    @Test
    @DisplayName("OP-6: a second connection with the sender's replica id (a duplicated tab) still gets the ops")
    void duplicatedTabGetsTheOps() {
        TestNode.Board board = node.board("windroos");
        try (WsClient tab1 = node.connect(); WsClient tab2 = node.connect()) {
            tab1.join(board.token("participant"), board.id(), "replicaSAME", "Anna");
            tab2.join(board.token("participant"), board.id(), "replicaSAME", "Anna");
            tab1.send(new OpsBuilder("replicaSAME").note("t1-1", "twin", "uit tab 1", "west"));
            tab1.next("ack");
            assertEquals("twin", tab2.next("ops").path("ops").get(0).path("i").asText());
            assertFalse(tab1.all().stream().anyMatch(f -> f.path("t").asText().equals("ops")), "the sender itself gets no echo");
        }
    }

    @Test
    @DisplayName("IT-3: a string in an extra field is limited by its characters, not by its escaped JSON")
    void extraStringFieldsCountCharacters() {
        TestNode.Board board = node.board("windroos");
        try (WsClient c = node.connect()) {
            c.join(board.token("participant"), board.id(), "replicaLONG", "Lange");
            String lines = "regel \"x\"\n".repeat(400); // 4,000 characters, about 5,600 as JSON
            c.send(OpsBuilder.batch("long-1", new OpsBuilder("replicaLONG").op("memo", "memo", lines)));
            assertEquals("long-1", c.next(f -> f.path("t").asText().equals("ack") || f.path("t").asText().equals("error"))
                    .path("batch").asText());
            assertEquals("ack", c.all().get(c.all().size() - 1).path("t").asText(), "accepted: " + c.all());
            c.send(OpsBuilder.batch("long-2", new OpsBuilder("replicaLONG").op("memo", "memo", lines + "x".repeat(97))));
            c.nextError("invalid_op");
        }
    }
}
