package be.samenbord.sync;

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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 16, finding 3, over real WebSockets (rule FA-14): a second breakout with the same groups. */
class BreakoutRepeatTest {

    static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.start();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static JsonNode room(TestNode.Board board) {
        String room = board.workshop().path("room").asText();
        return node.api.get("/api/boards/" + room, board.token("facilitator")).body().path("items");
    }

    @Test
    @DisplayName("issue 16 finding 3: groups keep names, members and chosen zones after the end; breakoutStart {reuse:true} starts them again in the same mode")
    void secondBreakoutReusesTheGroups() {
        TestNode.Board board = node.board("windroos");
        String room = board.workshop().path("room").asText();
        try (WsClient f = node.connect()) {
            f.join(board.token("facilitator"), room, "facilitator1", "Fien");
            ObjectNode start = WsClient.control("b1", "breakoutStart").put("mode", "zones").put("board", board.id());
            ArrayNode groups = start.putArray("groups");
            groups.addObject().put("name", "Team west").put("zone", "west").putArray("members").add("participantA1").add("participantB1");
            groups.addObject().put("name", "Team oost").put("zone", "east").putArray("members").add("participantC1");
            f.send(start);
            f.next("done");
            JsonNode first = room(board);
            assertEquals("west", first.path("group-1").path("zone").path("v").asText(), "the chosen zone, not the template's first");
            assertEquals("east", first.path("group-2").path("zone").path("v").asText());
            f.send(WsClient.control("e1", "breakoutEnd"));
            f.next("done");
            JsonNode ended = room(board);
            assertFalse(ended.path("breakout").path("active").path("v").asBoolean());
            assertEquals("Team west", ended.path("group-1").path("name").path("v").asText(), "names stay after the end");
            assertEquals(2, ended.path("group-1").path("members").path("v").size(), "members stay after the end");

            f.send(WsClient.control("b2", "breakoutStart").put("reuse", true));
            JsonNode done = f.next(m -> m.path("request").asText().equals("b2"));
            assertEquals("done", done.path("t").asText(), done.toString());
            JsonNode second = room(board);
            assertTrue(second.path("breakout").path("active").path("v").asBoolean());
            assertEquals("zones", second.path("breakout").path("mode").path("v").asText(), "the mode stays zones");
            assertEquals(board.id(), second.path("breakout").path("plenary").path("v").asText());
            assertEquals("participantC1", second.path("group-2").path("members").path("v").path(0).asText());
            assertEquals("west", second.path("group-1").path("zone").path("v").asText());
            assertEquals("Team oost", second.path("group-2").path("name").path("v").asText());
        }
    }

    @Test
    @DisplayName("issue 16 finding 3: reuse without kept groups is a clear bad_message, and nothing changes")
    void reuseWithoutGroups() {
        TestNode.Board board = node.board("windroos");
        String room = board.workshop().path("room").asText();
        try (WsClient f = node.connect()) {
            f.join(board.token("facilitator"), room, "facilitator1", "Fien");
            f.send(WsClient.control("b1", "breakoutStart").put("reuse", true));
            assertTrue(f.nextError("bad_message").path("message").asText().contains("no groups"));
        }
        assertEquals(0, node.api.get("/api/boards/" + room, board.token("facilitator")).body().path("seq").asLong());
    }
}
