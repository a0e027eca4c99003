package be.samenbord.facilitation;

import be.samenbord.board.Items;
import be.samenbord.board.Op;
import be.samenbord.board.Stamp;
import be.samenbord.board.template.Template;
import be.samenbord.workshop.ControlRefused;
import be.samenbord.workshop.Role;
import be.samenbord.workshop.Workshop;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The facilitation planner with a hand-set clock and a seeded random (rules FA-2, FA-7, FA-9). */
class ControlPlanTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Template WINDROOS = new Template("windroos", "Windroos", "Wind rose",
            List.of("north", "east", "south", "west"), Set.of("note"), Map.of(), JSON.createObjectNode());
    private static final Template ROOM = Rooms.template(JSON);
    private static final Workshop WORKSHOP = new Workshop("w1", "Training", 0, Map.of(),
            List.of(new Workshop.BoardRef("board1", "windroos"), new Workshop.BoardRef("room1", "room")));
    private static final Function<String, Optional<Template>> TEMPLATES =
            id -> id.equals("windroos") ? Optional.of(WINDROOS) : id.equals("room") ? Optional.of(ROOM) : Optional.empty();

    private final Items room = new Items();
    private long now = 1_000_000;
    private long counter;

    private List<ControlContext.Person> people = List.of(
            new ControlContext.Person("replicaAnna", "Anna", Role.PARTICIPANT),
            new ControlContext.Person("replicaBert", "Bert", Role.PARTICIPANT),
            new ControlContext.Person("replicaCas1", "Cas", Role.FACILITATOR),
            new ControlContext.Person("replicaObs1", "Olga", Role.OBSERVER));

    /** Plans on the room and applies the writes, as the owner would. */
    private List<ControlContext.Write> room(String command) throws Exception {
        return run(room, ROOM, "room1", command, new Random(7));
    }

    private List<ControlContext.Write> run(Items items, Template t, String board, String command, Random random) throws Exception {
        ControlContext ctx = new ControlContext(board, t, items, now, random, "replicaCas1", people, WORKSHOP, TEMPLATES);
        List<ControlContext.Write> writes = ControlPlan.plan(ctx, JSON.readTree(command));
        for (ControlContext.Write w : writes) items.apply(new Op(w.item(), w.field(), w.value().toString(), new Stamp(now, counter++, "samenbord-node")));
        return writes;
    }

    private JsonNode value(Items items, String item, String field) throws Exception {
        return JSON.readTree(items.get(item, field).json());
    }

    @Test
    @DisplayName("FA-2: the timer runs on the server clock; pause keeps what is left, resume and add time move the end")
    void timer() throws Exception {
        room("{\"action\":\"timerStart\",\"seconds\":300}");
        assertEquals(1_300_000, value(room, "timer", "endsAt").asLong());
        now += 100_000;
        room("{\"action\":\"timerPause\"}");
        assertEquals(200_000, value(room, "timer", "remaining").asLong());
        assertTrue(value(room, "timer", "endsAt").isNull());
        now += 999_000; // paused: time passing changes nothing
        room("{\"action\":\"timerAdd\",\"seconds\":60}");
        assertEquals(260_000, value(room, "timer", "remaining").asLong());
        room("{\"action\":\"timerResume\"}");
        assertEquals(now + 260_000, value(room, "timer", "endsAt").asLong());
        assertEquals(360_000, value(room, "timer", "duration").asLong());
        room("{\"action\":\"timerStop\"}");
        assertThrows(ControlRefused.class, () -> room("{\"action\":\"timerPause\"}"));
    }

    @Test
    @DisplayName("FA-9: a zones breakout gives each group a zone of the shared board; assign moves one person")
    void zonesBreakout() throws Exception {
        room("{\"action\":\"breakoutStart\",\"mode\":\"zones\",\"board\":\"board1\",\"seconds\":120,\"groups\":["
                + "{\"name\":\"Noord\",\"members\":[\"replicaAnna\"],\"scribe\":\"replicaAnna\"},{\"members\":[\"replicaBert\"]}]}");
        assertEquals("north", value(room, "group-1", "zone").asText());
        assertEquals("east", value(room, "group-2", "zone").asText());
        assertEquals("Groep 2", value(room, "group-2", "name").asText());
        assertEquals("board1", value(room, "breakout", "plenary").asText());
        assertTrue(value(room, "breakout", "endsWithTimer").asBoolean());
        assertEquals(now + 120_000, value(room, "timer", "endsAt").asLong());

        room("{\"action\":\"breakoutAssign\",\"replica\":\"replicaAnna\",\"group\":\"group-2\"}");
        assertEquals("[]", value(room, "group-1", "members").toString());
        assertTrue(value(room, "group-1", "scribe").isNull(), "a scribe who moves away is no longer the scribe");
        assertEquals("[\"replicaBert\",\"replicaAnna\"]", value(room, "group-2", "members").toString());
        assertEquals("Anna", value(room, "group-2", "names").path("replicaAnna").asText());

        room("{\"action\":\"timerStop\"}");
        room("{\"action\":\"breakoutAssign\",\"replica\":\"replicaBert\",\"group\":null}");
        assertEquals("[\"replicaAnna\"]", value(room, "group-2", "members").toString());
        room("{\"action\":\"timerStart\",\"seconds\":3}");
        assertTrue(value(room, "breakout", "endsWithTimer").asBoolean(), "a timer set during a breakout ends it");
        room("{\"action\":\"breakoutEnd\"}");
        assertTrue(!value(room, "breakout", "active").asBoolean());
        assertTrue(!value(room, "timer", "running").asBoolean(), "a breakout's own timer stops with it");
        assertThrows(ControlRefused.class, () -> room("{\"action\":\"breakoutEnd\"}"));
    }

    @Test
    @DisplayName("FA-9: breakout arguments are checked: zones of the board, copies need their boards")
    void breakoutRefusals() {
        assertThrows(ControlRefused.class, () -> room("{\"action\":\"breakoutStart\",\"mode\":\"zones\",\"board\":\"board1\",\"zones\":[\"up\"],\"groups\":[{}]}"));
        assertThrows(ControlRefused.class, () -> room("{\"action\":\"breakoutStart\",\"mode\":\"zones\",\"board\":\"room1\",\"groups\":[{}]}"));
        assertThrows(ControlRefused.class, () -> room("{\"action\":\"breakoutStart\",\"mode\":\"copies\",\"groups\":[{}]}"));
        assertThrows(ControlRefused.class, () -> room("{\"action\":\"breakoutStart\",\"mode\":\"zones\",\"board\":\"board1\",\"groups\":[{},{},{},{},{}]}"));
        assertThrows(ControlRefused.class, () -> room("{\"action\":\"breakoutStart\",\"mode\":\"zones\",\"board\":\"board1\",\"groups\":[{\"members\":[\"short\"]}]}"));
        assertThrows(ControlRefused.class, () -> room("{\"action\":\"lock\"}"), "board actions are not for the room");
        assertEquals(0, room.size(), "nothing was written");
    }

    @Test
    @DisplayName("FA-9, FA-16: a round orders the room's writers with the injected random; next and skip walk it to the end")
    void rounds() throws Exception {
        room("{\"action\":\"roundStart\",\"kind\":\"check-in\",\"prompt\":\"Hoe kom je binnen?\",\"facilitators\":true}");
        List<String> order = new ArrayList<>();
        value(room, "round", "order").forEach(p -> order.add(p.path("replica").asText()));
        assertEquals(Set.of("replicaAnna", "replicaBert", "replicaCas1"), Set.copyOf(order), "observers take no turn");
        assertEquals(3, order.size());
        assertEquals(now + 30_000, value(room, "round", "turnEndsAt").asLong());
        Items again = new Items();
        run(again, ROOM, "room1", "{\"action\":\"roundStart\",\"kind\":\"check-in\",\"prompt\":\"x\",\"facilitators\":true}", new Random(7));
        assertEquals(value(room, "round", "order"), JSON.readTree(again.get("round", "order").json()), "same seed, same order");

        now += 10_000;
        room("{\"action\":\"roundSkip\"}");
        assertEquals(1, value(room, "round", "index").asInt());
        assertEquals("[0]", value(room, "round", "skipped").toString());
        assertEquals(now + 30_000, value(room, "round", "turnEndsAt").asLong());
        room("{\"action\":\"roundNext\"}");
        room("{\"action\":\"roundNext\"}");
        assertTrue(!value(room, "round", "active").asBoolean(), "past the last speaker the round is over");
        assertThrows(ControlRefused.class, () -> room("{\"action\":\"roundNext\"}"));
    }

    @Test
    @DisplayName("FA-6, FA-7: private writing starts once; a new vote resets every dot")
    void boardActions() throws Exception {
        Items board = new Items();
        board.apply(new Op("n1", "kind", "\"note\"", new Stamp(5, 0, "replicaAnna")));
        board.apply(new Op("n1", "vote:replicaAnna", "2", new Stamp(6, 0, "replicaAnna")));
        run(board, WINDROOS, "board1", "{\"action\":\"privateStart\"}", new Random(1));
        Stamp since = BoardControl.read(board).privateSince();
        now += 5;
        assertTrue(run(board, WINDROOS, "board1", "{\"action\":\"privateStart\"}", new Random(1)).isEmpty(), "a running phase keeps its start");
        assertEquals(since, BoardControl.read(board).privateSince());
        run(board, WINDROOS, "board1", "{\"action\":\"voteStart\",\"dots\":3,\"zone\":\"south\"}", new Random(1));
        assertEquals("0", board.get("n1", "vote:replicaAnna").json());
        assertEquals("south", BoardControl.read(board).voteZone());
        assertThrows(ControlRefused.class, () -> run(board, WINDROOS, "board1", "{\"action\":\"voteStart\",\"dots\":3,\"zone\":\"up\"}", new Random(1)));
        assertThrows(ControlRefused.class, () -> run(board, WINDROOS, "board1", "{\"action\":\"timerStart\",\"seconds\":3}", new Random(1)));
    }
}
