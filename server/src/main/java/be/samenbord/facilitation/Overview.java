package be.samenbord.facilitation;

import be.samenbord.board.Items;
import be.samenbord.board.Register;
import be.samenbord.board.Stamp;
import be.samenbord.workshop.Role;
import be.samenbord.workshop.Seats;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The facilitator's overview of a workshop (rules FA-20..FA-22, contract C3): per board, per group
 * and per person how many notes were written and dots spent, and who is done, computed from the
 * boards' full state (hidden registers included) but holding only counts and display names: never a
 * text, never an item id, never which note is whose. Pure: the caller reads the boards.
 */
public final class Overview {

    /** A board to count, with its full state (nothing filtered out) and the name to show. */
    public record Board(String id, String template, String name, Items items) {
    }

    private static final JsonNodeFactory N = JsonNodeFactory.instance;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final String NOTE = "\"note\"";
    private static final String THEME = "\"theme\"";

    private final RoomState room;
    private final List<ControlContext.Person> connected;
    /** person (ID-3) → display name, from the room's groups, the connections and the notes' authors. */
    private final Map<String, String> names = new LinkedHashMap<>();

    private Overview(Items room, List<ControlContext.Person> connected) {
        this.room = new RoomState(room);
        this.connected = connected;
    }

    /**
     * The overview (C3 JSON). {@code connected}: who is on the room board now, so a participant
     * who has written nothing yet still counts as "not done" (FA-21).
     */
    public static ObjectNode of(Items room, List<Board> boards, List<ControlContext.Person> connected, long now) {
        Overview o = new Overview(room, connected);
        o.learnNames(boards);
        ObjectNode out = N.objectNode();
        ArrayNode list = out.putArray("boards");
        for (Board b : boards) list.add(o.board(b));
        out.put("at", now);
        return out;
    }

    private ObjectNode board(Board b) {
        Items items = b.items();
        BoardControl control = BoardControl.read(items);
        List<String> notes = itemsOfKind(items, NOTE);
        ObjectNode out = N.objectNode().put("board", b.id()).put("name", boardName(b)).put("template", b.template())
                .put("notes", notes.size()).put("themes", itemsOfKind(items, THEME).size());
        out.set("private", privateWriting(items, control, notes));
        out.set("vote", vote(items, control, notes));
        ArrayNode groups = out.putArray("groups");
        for (String g : groupIds()) {
            if (!b.id().equals(room.get(g, "board").asText(null))) continue;
            groups.add(group(g, items, notes));
        }
        return out;
    }

    /** FA-21: during private writing a person is done once they wrote a note since it started. */
    private ObjectNode privateWriting(Items items, BoardControl control, List<String> notes) {
        Stamp since = control.privateSince();
        Map<String, Integer> perPerson = new LinkedHashMap<>();
        participants().forEach(p -> perPerson.put(p, 0));
        int count = 0;
        if (since != null) {
            for (String n : notes) {
                Stamp origin = Visibility.origin(items, n);
                if (origin == null || !origin.isAfter(since)) continue;
                count++;
                perPerson.merge(Seats.personOf(origin.replica()), 1, Integer::sum);
            }
        }
        ObjectNode out = N.objectNode().put("writing", since != null).put("notes", count);
        ArrayNode people = out.putArray("people");
        if (since != null) perPerson.forEach((person, k) -> people.addObject().put("name", name(person)).put("notes", k).put("done", k >= 1));
        return out;
    }

    /** FA-21: during a vote a person is done once they spent every dot (summed over their tabs, ID-3). */
    private ObjectNode vote(Items items, BoardControl control, List<String> notes) {
        Map<String, Integer> spent = new LinkedHashMap<>();
        participants().forEach(p -> spent.put(p, 0));
        for (String id : items.itemIds()) {
            if (BoardControl.reserved(id)) continue;
            items.item(id).forEach((field, r) -> {
                if (!field.startsWith("vote:")) return;
                spent.merge(Seats.personOf(field.substring(5)), integer(r), Integer::sum);
            });
        }
        int dots = control.voteDots();
        ObjectNode out = N.objectNode().put("open", control.voteOpen()).put("dotsPerPerson", dots);
        ArrayNode people = out.putArray("people");
        if (control.vote() != null) {
            spent.forEach((person, k) -> people.addObject().put("name", name(person)).put("spent", k).put("done", dots > 0 && k >= dots));
        }
        return out;
    }

    /**
     * FA-21: a group's notes are the notes in its area (its own board, or its zone of the shared
     * board); a member's are those of them the member wrote; a member is done with one note.
     */
    private ObjectNode group(String g, Items items, List<String> notes) {
        String zone = room.get(g, "zone").isTextual() ? room.get(g, "zone").asText() : null;
        Map<String, Integer> perPerson = new LinkedHashMap<>();
        room.get(g, "members").forEach(m -> perPerson.putIfAbsent(Seats.personOf(m.asText()), 0));
        int count = 0;
        for (String n : notes) {
            if (zone != null && !zone.equals(string(items.get(n, "zone")))) continue;
            count++;
            Stamp origin = Visibility.origin(items, n);
            if (origin != null) perPerson.computeIfPresent(Seats.personOf(origin.replica()), (p, k) -> k + 1);
        }
        ObjectNode out = N.objectNode().put("group", g).put("name", room.get(g, "name").asText(g)).put("notes", count);
        ArrayNode people = out.putArray("people");
        perPerson.forEach((person, k) -> people.addObject().put("name", name(person)).put("notes", k).put("done", k >= 1));
        return out;
    }

    /** A group's own board (copies mode) is named after the group too: several boards share a template. */
    private String boardName(Board b) {
        for (String g : groupIds()) {
            if (b.id().equals(room.get(g, "board").asText(null)) && !room.get(g, "zone").isTextual()) {
                return b.name() + " · " + room.get(g, "name").asText(g);
            }
        }
        return b.name();
    }

    /** The groups of the current (or last) breakout, in order. */
    private List<String> groupIds() {
        List<String> out = new ArrayList<>();
        room.get("breakout", "groups").forEach(g -> out.add(g.asText()));
        return out;
    }

    /** The participants on the room now, one per person: who should be writing or voting. */
    private Set<String> participants() {
        Set<String> out = new LinkedHashSet<>();
        for (ControlContext.Person p : connected) if (p.role() == Role.PARTICIPANT) out.add(Seats.personOf(p.replica()));
        return out;
    }

    private void learnNames(List<Board> boards) {
        for (String g : groupIds()) {
            room.get(g, "names").fields().forEachRemaining(e -> names.putIfAbsent(Seats.personOf(e.getKey()), e.getValue().asText()));
        }
        for (ControlContext.Person p : connected) {
            if (p.name() != null && !p.name().isBlank()) names.putIfAbsent(Seats.personOf(p.replica()), p.name());
        }
        for (Board b : boards) {
            for (String n : itemsOfKind(b.items(), NOTE)) {
                Stamp origin = Visibility.origin(b.items(), n);
                String author = string(b.items().get(n, Visibility.AUTHOR));
                if (origin != null && author != null && !author.isBlank()) names.putIfAbsent(Seats.personOf(origin.replica()), author);
            }
        }
    }

    /** A person's display name; one nobody named shows as the start of their id (public in every stamp). */
    private String name(String person) {
        String n = names.get(person);
        return n != null ? n : person.substring(0, Math.min(6, person.length()));
    }

    /** Live (not deleted) items of one kind. */
    private static List<String> itemsOfKind(Items items, String kindJson) {
        List<String> out = new ArrayList<>();
        for (String id : items.itemIds()) {
            Register kind = items.get(id, "kind");
            Register deleted = items.get(id, "deleted");
            if (kind != null && kind.json().equals(kindJson) && (deleted == null || !deleted.json().equals("true"))) out.add(id);
        }
        return out;
    }

    private static String string(Register r) {
        if (r == null) return null;
        JsonNode v = parse(r.json());
        return v.isTextual() ? v.asText() : null;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance(); // a register the counts cannot read counts as none
        }
    }

    private static int integer(Register r) {
        JsonNode v = parse(r.json());
        return v.canConvertToInt() ? v.asInt() : 0;
    }
}
