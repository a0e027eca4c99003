package be.samenbord.sync;

import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.Seat;
import be.samenbord.testkit.TestNode;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IT-8 over real sockets: a person's own values on the spider web reach nobody else (not in fan-out,
 * not in a welcome, not over REST); the team sees medians only at k people; others' fields are refused.
 */
class OwnValuesTest {

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
    @DisplayName("IT-8: Anna's own mark reaches only Anna's tabs; Bram's frames, his welcome and the REST view never hold it")
    void ownValuesStayOwn() {
        TestNode.Board board = node.board("positive-health-web");
        Seat seat = Seat.random(new java.util.Random(8));
        String anna = seat.replica("Tab1");
        try (WsClient a = node.connect(); WsClient b = node.connect(); WsClient a2 = node.connect()) {
            seat.join(a, board.token("participant"), board.id(), "Tab1", "Anna");
            b.join(board.token("participant"), board.id(), "replicaBRAM", "Bram");
            seat.join(a2, board.token("participant"), board.id(), "Tab2", "Anna");
            OpsBuilder ops = new OpsBuilder(anna);
            a.send(OpsBuilder.batch("mark", ops.op("web", "own_physical:" + anna, 7), ops.op("talk1", "text", "Wat valt op?")));
            a.next(f -> f.path("t").asText().equals("ack") && f.path("batch").asText().equals("mark"));
            b.next(f -> f.path("t").asText().equals("ops") && f.toString().contains("talk1"));
            a2.next(f -> f.path("t").asText().equals("ops") && f.toString().contains("own_physical:" + anna));
            assertTrue(b.all().stream().noneMatch(f -> f.toString().contains("own_")), "Bram received an own value");
            try (WsClient late = node.connect()) {
                JsonNode welcome = late.join(board.token("participant"), board.id(), "replicaLATE", "Late");
                assertFalse(welcome.toString().contains("own_"), "a later joiner's welcome: " + welcome);
            }
            try (WsClient back = node.connect()) {
                JsonNode welcome = seat.join(back, board.token("participant"), board.id(), "Tab3", "Anna");
                assertTrue(welcome.toString().contains("own_physical:" + anna), "Anna's own welcome holds her mark: " + welcome);
            }
        }
        JsonNode rest = node.api.get("/api/boards/" + board.id(), board.token("facilitator")).body();
        assertFalse(rest.toString().contains("own_"), "the REST view, even a facilitator's: " + rest);
    }

    @Test
    @DisplayName("IT-8: another's own field, an unknown dimension, 11 or 2.5 get invalid_op; team-values shows a median only from k = 5 people")
    void fieldsAndTeamMedian() throws Exception {
        TestNode.Board board = node.board("positive-health-web");
        List<WsClient> people = new ArrayList<>();
        try {
            java.util.Random random = new java.util.Random(9);
            for (int i = 0; i < 5; i++) {
                Seat seat = Seat.random(random);
                String replica = seat.replica("Tab1");
                WsClient c = node.connect();
                people.add(c);
                seat.join(c, board.token("participant"), board.id(), "Tab1", "P" + i);
                OpsBuilder ops = new OpsBuilder(replica);
                if (i == 0) {
                    String[][] bad = {{"own_physical:replicaOTHR", "3"}, {"own_luck:" + replica, "3"}, {"own_physical:" + replica, "11"},
                            {"own_physical:" + replica, "2.5"}, {"own_physical", "3"}};
                    for (int j = 0; j < bad.length; j++) {
                        ObjectNode op = ops.op("web", bad[j][0], null);
                        op.set("v", WsClient.JSON.readTree(bad[j][1]));
                        c.send(OpsBuilder.batch("bad" + j, op));
                        assertEquals("bad" + j, c.nextError("invalid_op").path("batch").asText(), bad[j][0] + " = " + bad[j][1]);
                    }
                }
                c.send(OpsBuilder.batch("m" + i, ops.op("web", "own_mental:" + replica, 2 * i)));
                c.next(f -> f.path("t").asText().equals("ack"));
                JsonNode team = node.api.get("/api/boards/" + board.id() + "/team-values", board.token("observer")).body();
                assertEquals(5, team.path("k").asInt());
                assertEquals(i + 1, team.path("people").asInt());
                assertEquals(i + 1, team.path("dimensions").path("mental").path("people").asInt());
                if (i < 4) assertTrue(team.path("dimensions").path("mental").path("median").isNull(), "no median at " + (i + 1) + ": " + team);
                else assertEquals(4.0, team.path("dimensions").path("mental").path("median").asDouble(), "median of 0 2 4 6 8: " + team);
            }
        } finally {
            people.forEach(WsClient::close);
        }
        TestNode.Board windroos = node.board("windroos");
        assertEquals(400, node.api.get("/api/boards/" + windroos.id() + "/team-values", windroos.token("observer")).status(), "no own values there");
        assertEquals(403, node.api.get("/api/boards/" + windroos.id() + "/team-values", board.token("observer")).status(), "another workshop's board");
    }
}
