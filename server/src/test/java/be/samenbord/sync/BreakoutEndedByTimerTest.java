package be.samenbord.sync;

import be.samenbord.testkit.Poll;
import be.samenbord.testkit.TestNode;
import be.samenbord.testkit.WsClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16, finding 1, on a real node whose clock the test moves (rules FA-12, FA-13): the node
 * itself closes a breakout when its timer ends, and no later timer action opens it again.
 */
class BreakoutEndedByTimerTest {

    static final AtomicLong CLOCK = new AtomicLong(System.currentTimeMillis());
    static TestNode node;

    @BeforeAll
    static void start() {
        node = TestNode.startWithClock(CLOCK::get);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static JsonNode room(TestNode.Board board) {
        String room = board.workshop().path("room").asText();
        return node.api.get("/api/boards/" + room, board.token("facilitator")).body().path("items");
    }

    private static boolean value(JsonNode items, String item, String field) {
        return items.path(item).path(field).path("v").asBoolean(false);
    }

    @Test
    @DisplayName("issue 16 finding 1: when a breakout's timer ends the node writes breakout.active=false and clears the timer; timerStop and a new timer keep it closed")
    void timerEndClosesTheBreakout() {
        TestNode.Board board = node.board("windroos");
        String room = board.workshop().path("room").asText();
        try (WsClient f = node.connect(); WsClient a = node.connect()) {
            f.join(board.token("facilitator"), room, "facilitator1", "Fien");
            a.join(board.token("participant"), room, "participantA1", "Anna");
            ObjectNode start = WsClient.control("b1", "breakoutStart").put("mode", "zones").put("board", board.id()).put("seconds", 60);
            start.putArray("groups").addObject().put("name", "Noord").putArray("members").add("participantA1");
            f.send(start);
            f.next("done");
            assertTrue(value(room(board), "breakout", "active"));

            CLOCK.addAndGet(61_000);
            Poll.until("the node closes the breakout at the timer's end", Duration.ofSeconds(5),
                    () -> !value(room(board), "breakout", "active"));
            JsonNode after = room(board);
            assertFalse(value(after, "timer", "running"), "a finished timer clears itself");
            assertTrue(after.path("timer").path("endsAt").path("v").isNull(), after.toString());
            assertEquals("participantA1", after.path("group-1").path("members").path("v").path(0).asText(), "the groups stay");

            f.send(WsClient.control("s1", "timerStop"));
            f.next("done");
            assertFalse(value(room(board), "breakout", "active"), "stopping the (cleared) timer does not reopen the breakout");
            f.send(WsClient.control("t1", "timerStart").put("seconds", 30));
            f.next("done");
            JsonNode later = room(board);
            assertFalse(value(later, "breakout", "active"), "a new timer does not reopen the breakout");
            assertTrue(value(later, "timer", "running"));
            assertFalse(value(later, "breakout", "endsWithTimer"), "a later timer is not the ended breakout's");
        }
    }

    @Test
    @DisplayName("issue 16 finding 1: a breakout whose timer ran out while nobody ticked is closed before the next command (settle)")
    void settledBeforeTheNextCommand() {
        TestNode.Board board = node.board("windroos");
        String room = board.workshop().path("room").asText();
        try (WsClient f = node.connect()) {
            f.join(board.token("facilitator"), room, "facilitator1", "Fien");
            ObjectNode start = WsClient.control("b1", "breakoutStart").put("mode", "zones").put("board", board.id()).put("seconds", 30);
            start.putArray("groups").addObject().putArray("members").add("participantB1");
            f.send(start);
            f.next("done");
            CLOCK.addAndGet(31_000);
            // Straight away, racing the tick: whichever runs first, the stop never reopens the breakout.
            f.send(WsClient.control("s1", "timerStop"));
            f.next("done");
            Poll.until("the breakout is closed", Duration.ofSeconds(5), () -> !value(room(board), "breakout", "active"));
            assertFalse(value(room(board), "timer", "running"));
        }
    }
}
