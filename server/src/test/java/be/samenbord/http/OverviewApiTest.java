package be.samenbord.http;

import be.samenbord.testkit.Api;
import be.samenbord.testkit.OpsBuilder;
import be.samenbord.testkit.TestNode;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The facilitator's overview (FA-20..FA-22, contract C3) over a real node and real WebSockets: the
 * counts match what each group and person wrote and spent, hidden text never leaves the node.
 */
class OverviewApiTest {

    static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static Api.Reply overview(TestNode.Board b, String role) {
        return node.api.get("/api/workshops/" + b.workshop().path("id").asText() + "/overview", role == null ? null : b.token(role));
    }

    private static JsonNode boardIn(JsonNode overview, String id) {
        for (JsonNode b : overview.path("boards")) if (b.path("board").asText().equals(id)) return b;
        throw new AssertionError("board " + id + " not in " + overview);
    }

    /** name → the person's entry in a list of people. */
    private static JsonNode person(JsonNode people, String name) {
        for (JsonNode p : people) if (p.path("name").asText().equals(name)) return p;
        throw new AssertionError(name + " not in " + people);
    }

    @Test
    @DisplayName("FA-20, FA-21: during a copies breakout each group's count is the notes its members wrote on its board; one note makes a member done")
    void breakoutCounts() {
        TestNode.Board board = node.board("three-b");
        String room = board.workshop().path("room").asText();
        String participant = board.token("participant");
        try (WsClient f = node.connect(); WsClient ra = node.connect(); WsClient rb = node.connect(); WsClient rc = node.connect()) {
            f.join(board.token("facilitator"), room, "facilitator1", "Fien");
            ra.join(participant, room, "participantA1", "Anna");
            rb.join(participant, room, "participantB1", "Bert");
            rc.join(participant, room, "participantC1", "Cas");
            ObjectNode start = WsClient.control("b1", "breakoutStart").put("mode", "copies").put("template", "three-b");
            var groups = start.putArray("groups");
            var g1 = groups.addObject().put("name", "Team zon");
            g1.putArray("members").add("participantA1").add("participantB1");
            groups.addObject().put("name", "Team maan").putArray("members").add("participantC1");
            f.send(start);
            f.next("done");
            JsonNode roomItems = node.api.get("/api/boards/" + room, participant).body().path("items");
            String board1 = roomItems.path("group-1").path("board").path("v").asText();
            String board2 = roomItems.path("group-2").path("board").path("v").asText();

            try (WsClient a = node.connect(); WsClient c = node.connect()) {
                a.join(participant, board1, "participantA1", "Anna");
                c.join(participant, board2, "participantC1", "Cas");
                OpsBuilder anna = new OpsBuilder("participantA1");
                a.send(anna.note("a1", "n-a1", "Anna's eerste", "keep")).next("ack");
                a.send(anna.note("a2", "n-a2", "Anna's tweede", "drop")).next("ack");
                OpsBuilder cas = new OpsBuilder("participantC1");
                for (int i = 1; i <= 3; i++) c.send(cas.note("c" + i, "n-c" + i, "Cas " + i, "keep")).next("ack");
                // A deleted note is gone: it counts nowhere.
                c.send(OpsBuilder.batch("c4", cas.op("n-c3", "deleted", true))).next("ack");

                Api.Reply r = overview(board, "facilitator");
                assertEquals(200, r.status(), r.text());
                JsonNode zon = boardIn(r.body(), board1).path("groups").get(0);
                assertEquals("Team zon", zon.path("name").asText());
                assertEquals(2, zon.path("notes").asInt(), r.text());
                assertEquals(2, person(zon.path("people"), "Anna").path("notes").asInt());
                assertTrue(person(zon.path("people"), "Anna").path("done").asBoolean());
                assertEquals(0, person(zon.path("people"), "Bert").path("notes").asInt(), "Bert wrote nothing yet");
                assertFalse(person(zon.path("people"), "Bert").path("done").asBoolean());
                JsonNode maan = boardIn(r.body(), board2).path("groups").get(0);
                assertEquals("Team maan", maan.path("name").asText());
                assertEquals(2, maan.path("notes").asInt(), "three written, one deleted: " + r.text());
                assertEquals(2, boardIn(r.body(), board2).path("notes").asInt());
                assertEquals(0, boardIn(r.body(), board.id()).path("groups").size(), "the plenary board has no group");
                assertFalse(r.text().contains("Anna's") || r.text().contains("Cas 1") || r.text().contains("n-a1"), "no text, no item id: " + r.text());
            }
        }
    }

    @Test
    @DisplayName("FA-20, FA-21: during private writing the counts per person are right and no hidden text or item id is in the answer; a vote counts dots spent")
    void privateWritingAndVote() {
        TestNode.Board board = node.board("windroos");
        String room = board.workshop().path("room").asText();
        String participant = board.token("participant");
        try (WsClient f = node.connect(); WsClient a = node.connect(); WsClient b = node.connect();
             WsClient ra = node.connect(); WsClient rb = node.connect(); WsClient rc = node.connect()) {
            f.join(board.token("facilitator"), board.id(), "facilitator1", "Fien");
            ra.join(participant, room, "participantA1", "Anna");
            rb.join(participant, room, "participantB1", "Bert");
            rc.join(participant, room, "participantC1", "Cas");
            a.join(participant, board.id(), "participantA1", "Anna");
            b.join(participant, board.id(), "participantB1", "Bert");
            OpsBuilder anna = new OpsBuilder("participantA1", System.currentTimeMillis() - 60_000);
            a.send(anna.note("before", "n-before", "Van voor het schrijven", null)).next("ack");

            f.send(WsClient.control("p1", "privateStart"));
            f.next("done");
            anna = new OpsBuilder("participantA1", System.currentTimeMillis() + 1_000);
            OpsBuilder bert = new OpsBuilder("participantB1", System.currentTimeMillis() + 1_000);
            a.send(anna.note("a1", "n-a1", "Geheim van Anna", null)).next("ack");
            a.send(anna.note("a2", "n-a2", "Nog een geheim", null)).next("ack");
            b.send(bert.note("b1", "n-b1", "Geheim van Bert", null)).next("ack");

            Api.Reply r = overview(board, "facilitator");
            assertEquals(200, r.status(), r.text());
            JsonNode w = boardIn(r.body(), board.id());
            assertTrue(w.path("private").path("writing").asBoolean());
            assertEquals(3, w.path("private").path("notes").asInt(), "three written since private writing started: " + r.text());
            assertEquals(4, w.path("notes").asInt(), "and one from before");
            JsonNode people = w.path("private").path("people");
            assertEquals(2, person(people, "Anna").path("notes").asInt());
            assertEquals(1, person(people, "Bert").path("notes").asInt());
            assertEquals(0, person(people, "Cas").path("notes").asInt(), "Cas is in the workshop and wrote nothing");
            assertFalse(person(people, "Cas").path("done").asBoolean());
            assertTrue(person(people, "Bert").path("done").asBoolean());
            for (String secret : List.of("Geheim", "geheim", "n-a1", "n-b1", "participantA1", "participantB1"))
                assertFalse(r.text().contains(secret), secret + " is not in the overview: " + r.text());

            f.send(WsClient.control("r1", "reveal"));
            f.next("done");
            f.send(WsClient.control("v1", "voteStart").put("dots", 2));
            f.next("done");
            OpsBuilder annaVotes = new OpsBuilder("participantA1", System.currentTimeMillis() + 2_000);
            a.send(OpsBuilder.batch("va", annaVotes.op("n-b1", "vote:participantA1", 2))).next("ack");
            OpsBuilder bertVotes = new OpsBuilder("participantB1", System.currentTimeMillis() + 2_000);
            b.send(OpsBuilder.batch("vb", bertVotes.op("n-a1", "vote:participantB1", 1))).next("ack");
            JsonNode vote = boardIn(overview(board, "facilitator").body(), board.id()).path("vote");
            assertTrue(vote.path("open").asBoolean());
            assertEquals(2, vote.path("dotsPerPerson").asInt());
            assertEquals(2, person(vote.path("people"), "Anna").path("spent").asInt());
            assertTrue(person(vote.path("people"), "Anna").path("done").asBoolean(), "all dots spent: done");
            assertEquals(1, person(vote.path("people"), "Bert").path("spent").asInt());
            assertFalse(person(vote.path("people"), "Bert").path("done").asBoolean());
            assertFalse(person(vote.path("people"), "Cas").path("done").asBoolean());
        }
    }

    @Test
    @DisplayName("FA-20: only a facilitator of the workshop sees the overview (403 participant, observer, other workshop; 401 without a token)")
    void facilitatorsOnly() {
        TestNode.Board board = node.board("windroos");
        TestNode.Board other = node.board("windroos");
        for (String role : List.of("participant", "observer")) {
            Api.Reply r = overview(board, role);
            assertEquals(403, r.status(), r.text());
            assertEquals("forbidden", r.body().path("error").asText());
        }
        assertEquals(401, overview(board, null).status());
        Api.Reply foreign = node.api.get("/api/workshops/" + board.workshop().path("id").asText() + "/overview", other.token("facilitator"));
        assertEquals(403, foreign.status(), foreign.text());
    }
}
