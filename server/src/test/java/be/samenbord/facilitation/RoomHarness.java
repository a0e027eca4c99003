package be.samenbord.facilitation;

import be.samenbord.workshop.Workshop;
import be.samenbord.workshop.ControlRefused;
import be.samenbord.workshop.Role;


import be.samenbord.board.Items;
import be.samenbord.board.Op;
import be.samenbord.board.Stamp;
import be.samenbord.board.template.Template;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * A room board driven as the owner drives it, without a node: commands planned on the room's
 * state with a hand-set clock and a seeded random, their writes applied as the node's own ops.
 */
final class RoomHarness {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Template WINDROOS = new Template("windroos", "Windroos", "Wind rose",
            List.of("north", "east", "south", "west"), Set.of("note"), Map.of(), JSON.createObjectNode());
    static final Template ROOM = Rooms.template(JSON);
    static final Workshop WORKSHOP = new Workshop("w1", "Training", 0, Map.of(),
            List.of(new Workshop.BoardRef("board1", "windroos"), new Workshop.BoardRef("copy1", "windroos"),
                    new Workshop.BoardRef("copy2", "windroos"), new Workshop.BoardRef("room1", "room")));
    static final Function<String, Optional<Template>> TEMPLATES =
            id -> id.equals("windroos") ? Optional.of(WINDROOS) : id.equals("room") ? Optional.of(ROOM) : Optional.empty();

    final Items items = new Items();
    final RandomGenerator random;
    long now = 1_000_000;
    private long counter;
    List<ControlContext.Person> people = List.of(
            new ControlContext.Person("replicaAnna", "Anna", Role.PARTICIPANT),
            new ControlContext.Person("replicaBert", "Bert", Role.PARTICIPANT),
            new ControlContext.Person("replicaCas1", "Cas", Role.FACILITATOR),
            new ControlContext.Person("replicaObs1", "Olga", Role.OBSERVER));

    RoomHarness(RandomGenerator random) {
        this.random = random;
    }

    /** Plans {@code command} as {@code actor} and applies its writes; throws {@link ControlRefused} and writes nothing when refused. */
    List<ControlContext.Write> run(String actor, String command) {
        try {
            ControlContext ctx = new ControlContext("room1", ROOM, items, now, random, actor, people, WORKSHOP, TEMPLATES);
            return apply(ControlPlan.plan(ctx, JSON.readTree(command)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    List<ControlContext.Write> run(String command) {
        return run("replicaCas1", command);
    }

    /** The node's tick: what time alone changed by now. */
    List<ControlContext.Write> settle() {
        return apply(RoomMachine.settle(items, now));
    }

    private List<ControlContext.Write> apply(List<ControlContext.Write> writes) {
        for (ControlContext.Write w : writes) {
            items.apply(new Op(w.item(), w.field(), w.value().toString(), new Stamp(now, counter++, "samenbord-node")));
        }
        return writes;
    }

    JsonNode value(String item, String field) {
        var r = items.get(item, field);
        try {
            return r == null ? JSON.nullNode() : JSON.readTree(r.json());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean flag(String item, String field) {
        return value(item, field).asBoolean(false);
    }
}
