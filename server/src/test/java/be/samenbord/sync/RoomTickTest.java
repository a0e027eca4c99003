package be.samenbord.sync;

import be.samenbord.testkit.Poll;
import be.samenbord.testkit.TestNode;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The node's own tick on the room board (rule FA-13), on a real node whose clock the test moves. */
class RoomTickTest {

    @TempDir
    Path dataDir;

    private static JsonNode room(TestNode node, String room, String token) {
        return node.api.get("/api/boards/" + room, token).body().path("items");
    }

    @Test
    @DisplayName("FA-13: a breakout whose timer ran out while the node was down is closed when the room loads after the restart")
    void settledAfterRestart() {
        AtomicLong clock = new AtomicLong(System.currentTimeMillis());
        TestNode first = TestNode.start(dataDir, clock::get);
        String room;
        String token;
        try (WsClient f = first.connect()) {
            TestNode.Board board = first.board("windroos");
            room = board.workshop().path("room").asText();
            token = board.token("facilitator");
            f.join(token, room, "facilitator1", "Fien");
            ObjectNode start = WsClient.control("b1", "breakoutStart").put("mode", "zones").put("board", board.id()).put("seconds", 600);
            start.putArray("groups").addObject().putArray("members").add("participantA1");
            f.send(start);
            f.next("done");
        } finally {
            first.close();
        }
        clock.addAndGet(601_000);
        TestNode second = TestNode.start(dataDir, clock::get);
        try {
            assertTrue(Poll.within(Duration.ofSeconds(5), () -> !room(second, room, token).path("breakout").path("active").path("v").asBoolean(true)),
                    "the restarted node closes the breakout once it loads the room");
            JsonNode items = room(second, room, token);
            assertTrue(items.path("timer").path("endsAt").path("v").isNull());
            assertEquals("participantA1", items.path("group-1").path("members").path("v").path(0).asText(), "the groups stay");
        } finally {
            second.close();
        }
    }

    @Test
    @DisplayName("FA-13, FA-16: an autoAdvance round moves to the next turn at the turn's end, and ends after the last, with no client acting")
    void autoAdvance() {
        AtomicLong clock = new AtomicLong(System.currentTimeMillis());
        TestNode node = TestNode.startWithClock(clock::get);
        try (WsClient f = node.connect(); WsClient a = node.connect(); WsClient b = node.connect()) {
            TestNode.Board board = node.board("three-b");
            String room = board.workshop().path("room").asText();
            String token = board.token("observer");
            f.join(board.token("facilitator"), room, "facilitator1", "Fien");
            a.join(board.token("participant"), room, "participantA1", "Anna");
            b.join(board.token("participant"), room, "participantB1", "Bert");
            f.send(WsClient.control("r1", "roundStart").put("kind", "check-in").put("prompt", "Hoe gaat het?")
                    .put("turnSeconds", 20).put("autoAdvance", true));
            f.next("done");
            JsonNode round = room(node, room, token).path("round");
            assertEquals(0, round.path("index").path("v").asInt());
            long firstEnd = round.path("turnEndsAt").path("v").asLong();

            clock.addAndGet(20_000);
            Poll.until("the node moves the turn", Duration.ofSeconds(5),
                    () -> room(node, room, token).path("round").path("index").path("v").asInt() == 1);
            assertEquals(firstEnd + 20_000, room(node, room, token).path("round").path("turnEndsAt").path("v").asLong(),
                    "the next turn ends a turn after the previous end");
            clock.addAndGet(20_000);
            Poll.until("the node ends the round after the last turn", Duration.ofSeconds(5),
                    () -> !room(node, room, token).path("round").path("active").path("v").asBoolean(true));
            assertEquals(firstEnd + 20_000, room(node, room, token).path("round-r1").path("endedAt").path("v").asLong());
        } finally {
            node.close();
        }
    }
}
