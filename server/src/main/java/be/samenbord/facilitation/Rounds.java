package be.samenbord.facilitation;

import be.samenbord.workshop.ControlRefused;
import be.samenbord.workshop.Role;
import be.samenbord.workshop.Seats;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Check-in and check-out rounds on the room board (rules FA-2, FA-9, FA-16): the speaking order,
 * whose turn it is, the turn's end (advanced by the node itself when {@code autoAdvance}), and a
 * record {@code round-<id>} of each round that outlives it.
 */
final class Rounds {

    private static final JsonNodeFactory N = JsonNodeFactory.instance;
    static final long DEFAULT_TURN_MS = 30_000;

    private Rounds() {
    }

    static void start(ControlContext ctx, RoomState room, JsonNode args) {
        String kind = Args.text(args, "kind", 20, true);
        if (!kind.equals("check-in") && !kind.equals("check-out")) throw ControlRefused.bad("kind must be check-in or check-out");
        String prompt = Args.text(args, "prompt", 500, true);
        int seconds = Args.integer(args, "turnSeconds", 5, 600, Args.integer(args, "seconds", 5, 600, 30));
        boolean autoAdvance = Args.flag(args, "autoAdvance", false);
        boolean facilitators = Args.flag(args, "facilitators", false);
        // One turn per person (ID-3), however many tabs they have open: named by their first replica.
        Map<String, ControlContext.Person> writers = new LinkedHashMap<>();
        ctx.connected().stream().filter(p -> p.role() == Role.PARTICIPANT || (facilitators && p.role() == Role.FACILITATOR))
                .sorted(Comparator.comparing(ControlContext.Person::replica))
                .forEach(p -> writers.putIfAbsent(Seats.personOf(p.replica()), p));
        if (writers.isEmpty()) throw ControlRefused.bad("nobody is in the room to take a turn");
        List<ControlContext.Person> order = new ArrayList<>(writers.values());
        for (int i = order.size() - 1; i > 0; i--) {
            int j = ctx.random().nextInt(i + 1);
            order.set(j, order.set(i, order.get(j)));
        }
        if (room.flag("round", "active")) end(room, ctx.now());
        String id = "r" + (number(room.get("round", "id").asText("")) + 1);
        ArrayNode list = N.arrayNode();
        order.forEach(p -> list.add(N.objectNode().put("replica", p.replica()).put("name", p.name())));
        room.put("round", "active", N.booleanNode(true));
        room.put("round", "id", N.textNode(id));
        room.put("round", "kind", N.textNode(kind));
        room.put("round", "prompt", N.textNode(prompt));
        room.put("round", "order", list);
        room.put("round", "index", N.numberNode(0));
        room.put("round", "skipped", N.arrayNode());
        room.put("round", "turnMs", N.numberNode(seconds * 1000L));
        room.put("round", "turnEndsAt", N.numberNode(ctx.now() + seconds * 1000L));
        room.put("round", "autoAdvance", N.booleanNode(autoAdvance));
        room.put("round", "facilitators", N.booleanNode(facilitators));
        String record = "round-" + id;
        room.put(record, "kind", N.textNode("roundRecord"));
        room.put(record, "round", N.textNode(kind));
        room.put(record, "prompt", N.textNode(prompt));
        room.put(record, "startedAt", N.numberNode(ctx.now()));
        room.put(record, "endedAt", N.nullNode());
    }

    /** The next turn (after {@code skip}ping this one), from {@code from}; past the last, the round ends. */
    static void next(RoomState room, long from, boolean skip) {
        if (!room.flag("round", "active")) throw ControlRefused.bad("no round is running");
        int index = room.number("round", "index") == null ? 0 : room.number("round", "index").intValue();
        int size = room.get("round", "order").size();
        if (skip) {
            Set<Integer> skipped = new LinkedHashSet<>();
            room.get("round", "skipped").forEach(n -> skipped.add(n.asInt()));
            skipped.add(index);
            ArrayNode list = N.arrayNode();
            skipped.forEach(list::add);
            room.put("round", "skipped", list);
        }
        if (index + 1 >= size) {
            room.put("round", "index", N.numberNode(size));
            end(room, from);
            return;
        }
        room.put("round", "index", N.numberNode(index + 1));
        room.put("round", "turnEndsAt", N.numberNode(from + turnMs(room)));
    }

    static void end(RoomState room, long now) {
        if (!room.flag("round", "active")) throw ControlRefused.bad("no round is running");
        room.put("round", "active", N.booleanNode(false));
        room.put("round", "turnEndsAt", N.nullNode());
        String id = room.get("round", "id").asText("");
        if (!id.isEmpty()) room.put("round-" + id, "endedAt", N.numberNode(now));
    }

    /** An auto-advancing round moves on at each turn's end, however many turns passed since. */
    static void settle(RoomState room, long now) {
        for (Long due = dueAt(room); due != null && now >= due; due = dueAt(room)) next(room, due, false);
    }

    static Long dueAt(RoomState room) {
        return room.flag("round", "active") && room.flag("round", "autoAdvance") ? room.number("round", "turnEndsAt") : null;
    }

    private static long turnMs(RoomState room) {
        Long ms = room.number("round", "turnMs");
        return ms == null ? DEFAULT_TURN_MS : ms;
    }

    /** k of a round id {@code r<k>}, 0 for none. */
    private static int number(String id) {
        return id.matches("r[0-9]{1,9}") ? Integer.parseInt(id.substring(1)) : 0;
    }
}
