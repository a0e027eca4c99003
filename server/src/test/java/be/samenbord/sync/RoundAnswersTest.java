package be.samenbord.sync;

import be.samenbord.testkit.Api;
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

/** Round answers over real WebSockets and REST (rules FA-16, FA-17; contract C1; issue 16 finding 2). */
class RoundAnswersTest {

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
    @DisplayName("FA-16: a check-in round's answers land in the room (answer-<round>-<person>), no work board gains a note")
    void answersStayInTheRoom() {
        TestNode.Board board = node.board("three-b");
        String room = board.workshop().path("room").asText();
        try (WsClient f = node.connect(); WsClient a = node.connect(); WsClient b = node.connect()) {
            f.join(board.token("facilitator"), room, "facilitator1", "Fien");
            a.join(board.token("participant"), room, "participantA1", "Anna");
            b.join(board.token("participant"), room, "participantB1", "Bert");
            f.send(WsClient.control("r1", "roundStart").put("kind", "check-in").put("prompt", "Hoe kom je binnen?").put("turnSeconds", 20));
            f.next("done");
            a.send(WsClient.control("a1", "roundAnswer").put("text", "Moe maar blij"));
            long seq = a.next("done").path("seq").asLong();
            b.opsAt(seq);
            b.send(WsClient.control("b1", "roundAnswer").put("text", "Nieuwsgierig"));
            b.next("done");
            // Ending the round stamps its record's end and keeps what the record is (TrainingE2EIT
            // found the end rewriting the record's kind to control, so the summary lost the round).
            f.send(WsClient.control("r2", "roundEnd"));
            f.next("done");
        }
        JsonNode items = node.api.get("/api/boards/" + room, board.token("observer")).body().path("items");
        JsonNode round = items.path("round");
        String id = round.path("id").path("v").asText();
        assertEquals("r1", id);
        assertEquals(2, round.path("order").path("v").size(), "the facilitator takes no turn by default");
        JsonNode anna = items.path("answer-r1-participantA1");
        assertEquals("Moe maar blij", anna.path("text").path("v").asText());
        assertEquals("Anna", anna.path("name").path("v").asText());
        assertEquals("roundAnswer", anna.path("kind").path("v").asText());
        assertEquals("Nieuwsgierig", items.path("answer-r1-participantB1").path("text").path("v").asText());
        assertEquals("roundRecord", items.path("round-r1").path("kind").path("v").asText());
        assertTrue(items.path("round-r1").path("endedAt").path("v").isNumber(), "the record says when the round ended");
        JsonNode work = node.api.get("/api/boards/" + board.id(), board.token("observer")).body();
        assertEquals(0, work.path("seq").asLong(), "no work board gains a note");
        // SU-3: the session summary lists the round with its answers.
        Api.Reply summary = node.api.get("/api/workshops/" + board.workshop().path("id").asText() + "/summary", board.token("observer"));
        assertEquals(200, summary.status(), summary.text());
        assertTrue(summary.text().contains("Hoe kom je binnen?") && summary.text().contains("Moe maar blij") && summary.text().contains("Nieuwsgierig"),
                "the round and its answers in the summary: " + summary.text());
    }

    @Test
    @DisplayName("FA-16, FA-8: roundAnswer is the only room action a participant may send; an observer may send none")
    void participantsOnlyAnswer() {
        TestNode.Board board = node.board("windroos");
        String room = board.workshop().path("room").asText();
        try (WsClient f = node.connect(); WsClient a = node.connect(); WsClient o = node.connect()) {
            f.join(board.token("facilitator"), room, "facilitator1", "Fien");
            a.join(board.token("participant"), room, "participantA1", "Anna");
            o.join(board.token("observer"), room, "observerO1", "Olga");
            a.send(WsClient.control("a0", "roundAnswer").put("text", "Te vroeg"));
            assertEquals("a0", a.nextError("bad_message").path("request").asText(), "no round is running");
            f.send(WsClient.control("r1", "roundStart").put("kind", "check-in").put("prompt", "Hoe gaat het?"));
            long started = f.next("done").path("seq").asLong();
            a.opsAt(started);
            for (String action : new String[]{"roundNext", "roundEnd", "timerStart", "instruction", "breakoutEnd", "followStop"}) {
                a.send(WsClient.control("x-" + action, action).put("seconds", 30).put("text", "x"));
                assertEquals("x-" + action, a.nextError("forbidden").path("request").asText(), action);
            }
            o.send(WsClient.control("o1", "roundAnswer").put("text", "Ik kijk mee"));
            assertEquals("o1", o.nextError("forbidden").path("request").asText());
            a.send(WsClient.control("a1", "roundAnswer").put("text", "x".repeat(501)));
            assertEquals("a1", a.nextError("bad_message").path("request").asText(), "at most 500 characters");
        }
        Api.Reply rest = node.api.postWithBearer("/api/boards/" + room + "/control", "{\"action\":\"roundEnd\"}", board.token("participant"));
        assertEquals(403, rest.status());
        // REST cannot tell whose answer it is (a body may name anyone's replica): refused.
        Api.Reply answer = node.api.postWithBearer("/api/boards/" + room + "/control",
                "{\"action\":\"roundAnswer\",\"text\":\"Namens Bert\",\"replica\":\"participantB1\"}", board.token("participant"));
        assertEquals(400, answer.status(), answer.text());
        JsonNode items = node.api.get("/api/boards/" + room, board.token("observer")).body().path("items");
        assertTrue(items.path("round").path("active").path("v").asBoolean(), "the round still runs");
        assertFalse(items.has("answer-r1-observerO1"));
        assertFalse(items.has("answer-r1-participantB1"), "nobody answers for someone else");
    }
}
