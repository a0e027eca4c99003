package be.samenbord.facilitation;

import be.samenbord.board.Items;
import be.samenbord.board.Op;
import be.samenbord.board.Stamp;
import be.samenbord.workshop.Role;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The pure counting of the facilitator's overview (FA-20, FA-21), from board states built op by op. */
class OverviewTest {

    private static final String ANNA_TAB1 = "0123456789abcdef01234567_tab1";
    private static final String ANNA_TAB2 = "0123456789abcdef01234567_tab2";
    private static final String BERT = "participantB1";
    private static final String FIEN = "facilitator1";
    private long clock = 1_000;

    private Op op(String replica, String item, String field, String json) {
        return new Op(item, field, json, new Stamp(clock++, 0, replica));
    }

    private void note(Items board, String replica, String id, String zone, String text) {
        board.apply(op(replica, id, "kind", "\"note\""));
        board.apply(op(replica, id, "zone", zone == null ? "null" : "\"" + zone + "\""));
        board.apply(op(replica, id, "text", "\"" + text + "\""));
    }

    private static JsonNode person(JsonNode people, String name) {
        for (JsonNode p : people) if (p.path("name").asText().equals(name)) return p;
        throw new AssertionError(name + " not in " + people);
    }

    @Test
    @DisplayName("FA-21: in zones mode a group's notes are those in its zone of the shared board; a member's are those they created; a facilitator's note counts for the group only")
    void zonesMode() {
        Items room = new Items();
        room.apply(op("samenbord-node", "breakout", "groups", "[\"group-1\",\"group-2\"]"));
        room.apply(op("samenbord-node", "breakout", "active", "true"));
        room.apply(op("samenbord-node", "group-1", "name", "\"Noord\""));
        room.apply(op("samenbord-node", "group-1", "board", "\"w\""));
        room.apply(op("samenbord-node", "group-1", "zone", "\"north\""));
        room.apply(op("samenbord-node", "group-1", "members", "[\"" + ANNA_TAB1 + "\"]"));
        room.apply(op("samenbord-node", "group-1", "names", "{\"" + ANNA_TAB1 + "\":\"Anna\"}"));
        room.apply(op("samenbord-node", "group-2", "name", "\"Zuid\""));
        room.apply(op("samenbord-node", "group-2", "board", "\"w\""));
        room.apply(op("samenbord-node", "group-2", "zone", "\"south\""));
        room.apply(op("samenbord-node", "group-2", "members", "[\"" + BERT + "\"]"));
        room.apply(op("samenbord-node", "group-2", "names", "{\"" + BERT + "\":\"Bert\"}"));
        Items board = new Items();
        note(board, ANNA_TAB1, "n1", "north", "Anna noord");
        note(board, ANNA_TAB2, "n2", "north", "Anna noord, ander tabblad");
        note(board, FIEN, "n3", "north", "Van de begeleider");
        note(board, BERT, "n4", "north", "Bert in de verkeerde zone");
        note(board, ANNA_TAB1, "n5", "south", "weg");
        board.apply(op(ANNA_TAB1, "n5", "deleted", "true"));

        JsonNode o = Overview.of(room, List.of(new Overview.Board("w", "windroos", "Windroos", board)), List.of(), 5);
        JsonNode b = o.path("boards").get(0);
        assertEquals("Windroos", b.path("name").asText(), "a shared board keeps its own name");
        assertEquals(4, b.path("notes").asInt());
        JsonNode north = b.path("groups").get(0);
        assertEquals(4, north.path("notes").asInt(), "every note in the zone, whoever wrote it");
        assertEquals(2, person(north.path("people"), "Anna").path("notes").asInt(), "both of Anna's tabs (ID-3)");
        assertEquals(1, north.path("people").size(), "members only");
        JsonNode south = b.path("groups").get(1);
        assertEquals(0, south.path("notes").asInt(), "the deleted note is gone");
        assertFalse(person(south.path("people"), "Bert").path("done").asBoolean(), "Bert's note is outside his zone");
        assertFalse(o.toString().contains("noord") || o.toString().contains("n1") || o.toString().contains(ANNA_TAB1), o.toString());
    }

    @Test
    @DisplayName("FA-21: dots are summed over a person's tabs; done once every dot is spent; connected participants count, facilitators do not")
    void votes() {
        Items board = new Items();
        note(board, BERT, "n1", null, "Idee");
        note(board, BERT, "n2", null, "Nog een idee");
        board.apply(op("samenbord-node", "_control", "vote", "\"open\""));
        board.apply(op("samenbord-node", "_control", "voteDots", "3"));
        board.apply(op(ANNA_TAB1, "n1", "vote:" + ANNA_TAB1, "2"));
        board.apply(op(ANNA_TAB2, "n2", "vote:" + ANNA_TAB2, "1"));
        board.apply(op(BERT, "n1", "vote:" + BERT, "1"));
        List<ControlContext.Person> connected = List.of(new ControlContext.Person(ANNA_TAB1, "Anna", Role.PARTICIPANT),
                new ControlContext.Person(BERT, "Bert", Role.PARTICIPANT), new ControlContext.Person("participantC1", "Cas", Role.PARTICIPANT),
                new ControlContext.Person(FIEN, "Fien", Role.FACILITATOR));
        JsonNode vote = Overview.of(new Items(), List.of(new Overview.Board("b", "three-b", "3B", board)), connected, 5)
                .path("boards").get(0).path("vote");
        assertEquals(3, vote.path("dotsPerPerson").asInt());
        assertEquals(3, person(vote.path("people"), "Anna").path("spent").asInt());
        assertEquals(true, person(vote.path("people"), "Anna").path("done").asBoolean());
        assertEquals(1, person(vote.path("people"), "Bert").path("spent").asInt());
        assertEquals(false, person(vote.path("people"), "Cas").path("done").asBoolean());
        assertEquals(3, vote.path("people").size(), "Fien, a facilitator, is not counted: " + vote);
    }
}
