package be.samenbord.facilitation;

import be.samenbord.workshop.ControlRefused;
import be.samenbord.workshop.Role;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The room machine's transitions with a hand-set clock (rules FA-12..FA-17). */
class RoomMachineTest {

    private final RoomHarness room = new RoomHarness(new Random(3));

    private static final String ZONES = "{\"action\":\"breakoutStart\",\"mode\":\"zones\",\"board\":\"board1\",\"seconds\":60,\"groups\":["
            + "{\"name\":\"West\",\"zone\":\"west\",\"members\":[\"replicaAnna\"]},{\"members\":[\"replicaBert\"]}]}";

    @Test
    @DisplayName("FA-12, FA-13: the timer's end closes its breakout and clears the timer; nothing is due after")
    void timerEndClosesBreakout() {
        room.run(ZONES);
        assertEquals(room.now + 60_000, RoomMachine.dueAt(room.items));
        room.now += 59_999;
        assertTrue(room.settle().isEmpty(), "nothing before the end");
        room.now += 1;
        room.settle();
        assertFalse(room.flag("breakout", "active"));
        assertFalse(room.flag("breakout", "endsWithTimer"));
        assertFalse(room.flag("timer", "running"));
        assertTrue(room.value("timer", "endsAt").isNull());
        assertNull(RoomMachine.dueAt(room.items));
        assertTrue(room.settle().isEmpty(), "settling twice changes nothing");
    }

    @Test
    @DisplayName("FA-12: a command after the end settles first: stop and a new timer never reopen the breakout")
    void commandsSettleFirst() {
        room.run(ZONES);
        room.now += 120_000;
        room.run("{\"action\":\"timerStop\"}");
        assertFalse(room.flag("breakout", "active"));
        room.run("{\"action\":\"timerStart\",\"seconds\":30}");
        assertFalse(room.flag("breakout", "active"));
        assertFalse(room.flag("breakout", "endsWithTimer"), "the new timer is nobody's breakout timer");
    }

    @Test
    @DisplayName("FA-13: a stopped timer leaves the breakout running without a timer; a paused one is never due")
    void stopAndPause() {
        room.run(ZONES);
        room.now += 10_000;
        room.run("{\"action\":\"timerPause\"}");
        assertNull(RoomMachine.dueAt(room.items));
        room.now += 600_000;
        room.settle();
        assertTrue(room.flag("breakout", "active"), "a paused breakout timer does not run out");
        room.run("{\"action\":\"timerResume\"}");
        assertEquals(room.now + 50_000, RoomMachine.dueAt(room.items));
        room.run("{\"action\":\"timerStop\"}");
        assertFalse(room.flag("breakout", "endsWithTimer"));
        room.now += 600_000;
        room.settle();
        assertTrue(room.flag("breakout", "active"), "ended only by breakoutEnd now");
    }

    @Test
    @DisplayName("FA-14: groups keep their zone choice, names and members; reuse starts them again with a new timer")
    void reuse() {
        room.run(ZONES);
        assertEquals("west", room.value("group-1", "zone").asText());
        assertEquals("north", room.value("group-2", "zone").asText(), "the others take the free zones in order");
        room.run("{\"action\":\"breakoutEnd\"}");
        room.run("{\"action\":\"breakoutStart\",\"reuse\":true,\"seconds\":90}");
        assertTrue(room.flag("breakout", "active"));
        assertTrue(room.flag("breakout", "endsWithTimer"));
        assertEquals("West", room.value("group-1", "name").asText());
        assertEquals("[\"replicaBert\"]", room.value("group-2", "members").toString());
        assertEquals("north", room.value("group-2", "zone").asText());
        assertThrows(ControlRefused.class, () -> room.run("{\"action\":\"breakoutStart\",\"mode\":\"zones\",\"board\":\"board1\",\"groups\":["
                + "{\"zone\":\"west\"},{\"zone\":\"west\"}]}"), "one zone per group");
    }

    @Test
    @DisplayName("FA-14: a copies breakout reused goes back to the same group boards")
    void reuseCopies() {
        room.run("{\"action\":\"breakoutStart\",\"mode\":\"copies\",\"board\":\"board1\",\"boards\":[\"copy1\",\"copy2\"],\"groups\":["
                + "{\"members\":[\"replicaAnna\"]},{\"members\":[\"replicaBert\"]}]}");
        room.run("{\"action\":\"breakoutEnd\"}");
        room.run("{\"action\":\"breakoutStart\",\"reuse\":true}");
        assertEquals("copies", room.value("breakout", "mode").asText());
        assertEquals("copy2", room.value("group-2", "board").asText());
        assertFalse(ControlPlan.needsBoards(RoomHarness.JSON.createObjectNode().put("action", "breakoutStart").put("mode", "copies").put("reuse", true)));
    }

    @Test
    @DisplayName("FA-16: rounds have ids and records; autoAdvance moves the turn at its end; facilitators only when asked")
    void rounds() {
        long t0 = room.now;
        room.run("{\"action\":\"roundStart\",\"kind\":\"check-in\",\"prompt\":\"Hoe gaat het?\",\"turnSeconds\":20,\"autoAdvance\":true}");
        assertEquals("r1", room.value("round", "id").asText());
        assertEquals(2, room.value("round", "order").size(), "the facilitator is left out by default");
        assertEquals("roundRecord", room.value("round-r1", "kind").asText());
        assertEquals(room.now, room.value("round-r1", "startedAt").asLong());
        assertEquals(room.now + 20_000, RoomMachine.dueAt(room.items));
        room.now += 20_000;
        room.settle();
        assertEquals(1, room.value("round", "index").asInt());
        room.now += 100_000;
        room.settle();
        assertFalse(room.flag("round", "active"), "past the last turn the round ends");
        assertEquals(t0 + 40_000, room.value("round-r1", "endedAt").asLong(), "it ended when the last turn did");
        room.run("{\"action\":\"roundStart\",\"kind\":\"check-out\",\"prompt\":\"En nu?\",\"facilitators\":true}");
        assertEquals("r2", room.value("round", "id").asText());
        assertEquals(3, room.value("round", "order").size());
        assertNull(RoomMachine.dueAt(room.items), "without autoAdvance the node moves no turn");
        assertThrows(ControlRefused.class, () -> room.run("{\"action\":\"roundStart\",\"kind\":\"check-in\",\"prompt\":\"x\",\"turnSeconds\":601}"));
    }

    @Test
    @DisplayName("FA-16, FA-17: a round answer lands in the room under the sender's person; instructions leave records")
    void answersAndInstructions() {
        assertThrows(ControlRefused.class, () -> room.run("replicaAnna", "{\"action\":\"roundAnswer\",\"text\":\"Goed\"}"), "no round running");
        room.run("{\"action\":\"roundStart\",\"kind\":\"check-in\",\"prompt\":\"Hoe gaat het?\"}");
        room.run("replicaAnna", "{\"action\":\"roundAnswer\",\"text\":\"Goed\"}");
        room.run("replicaAnna", "{\"action\":\"roundAnswer\",\"text\":\"Heel goed\"}");
        assertEquals("Heel goed", room.value("answer-r1-replicaAnna", "text").asText(), "a later answer replaces the text");
        assertEquals("Anna", room.value("answer-r1-replicaAnna", "name").asText());
        assertEquals("r1", room.value("answer-r1-replicaAnna", "round").asText());
        assertThrows(ControlRefused.class, () -> room.run("replicaAnna", "{\"action\":\"roundAnswer\",\"text\":\"  \"}"));
        room.run("{\"action\":\"instruction\",\"text\":\"Schrijf drie dingen op\"}");
        room.run("{\"action\":\"instruction\",\"text\":\"\"}");
        room.run("{\"action\":\"instruction\",\"text\":\"Stem nu\"}");
        assertEquals("Schrijf drie dingen op", room.value("instruction-1", "text").asText());
        assertEquals("Stem nu", room.value("instruction-2", "text").asText(), "an empty instruction leaves no record");
        assertEquals("instructionRecord", room.value("instruction-2", "kind").asText());
        assertTrue(ControlPlan.allowed(Role.PARTICIPANT, RoomHarness.JSON.createObjectNode().put("action", "roundAnswer")));
        assertFalse(ControlPlan.allowed(Role.PARTICIPANT, RoomHarness.JSON.createObjectNode().put("action", "timerStop")));
        assertFalse(ControlPlan.allowed(Role.OBSERVER, RoomHarness.JSON.createObjectNode().put("action", "roundAnswer")));
    }
}
