package be.samenbord.workshop;

import be.samenbord.board.template.Template;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Breakout groups on the room board (rules FA-2, FA-3, FA-9): who is in which group, on which
 * board (its own copy of a template, or one zone of a shared board), and who writes for it.
 */
final class Breakouts {

    /** Writes one register of the room. */
    interface Put {
        void put(String item, String field, JsonNode value);
    }

    private static final JsonNodeFactory N = JsonNodeFactory.instance;
    private final ControlContext ctx;
    private final RoomState room;
    private final Put put;

    Breakouts(ControlContext ctx, RoomState room, Put put) {
        this.ctx = ctx;
        this.room = room;
        this.put = put;
    }

    /** {@code boards} (copies mode) is filled in by the node after it made one board per group. */
    void start(JsonNode args) {
        String mode = Args.text(args, "mode", 10, true);
        JsonNode groups = args.get("groups");
        if (groups == null || !groups.isArray() || groups.isEmpty() || groups.size() > ControlPlan.MAX_GROUPS) {
            throw ControlRefused.bad("groups must be a list of 1 to " + ControlPlan.MAX_GROUPS + " groups");
        }
        List<String> boards = new ArrayList<>();
        List<String> zones = new ArrayList<>();
        String plenary;
        if (mode.equals("zones")) {
            plenary = Args.id(args, "board", true);
            Workshop.BoardRef shared = ctx.workBoard(plenary).orElseThrow(() -> ControlRefused.bad("board is not a board of this workshop"));
            Template t = ctx.templates().apply(shared.template()).orElseThrow();
            JsonNode chosen = args.get("zones");
            if (chosen != null && !chosen.isNull()) {
                if (!chosen.isArray()) throw ControlRefused.bad("zones must be a list of zone ids");
                chosen.forEach(z -> zones.add(z.asText()));
            } else {
                zones.addAll(t.zoneIds());
            }
            if (zones.size() < groups.size()) throw ControlRefused.bad("the board has " + zones.size() + " zones for " + groups.size() + " groups");
            for (int i = 0; i < groups.size(); i++) {
                if (!t.hasZone(zones.get(i))) throw ControlRefused.bad("zone " + zones.get(i) + " is not on that board");
                boards.add(plenary);
            }
        } else if (mode.equals("copies")) {
            JsonNode made = args.get("boards");
            if (made == null || !made.isArray() || made.size() != groups.size()) throw ControlRefused.bad("the groups' boards are missing");
            made.forEach(b -> {
                if (ctx.workBoard(b.asText()).isEmpty()) throw ControlRefused.bad("board " + b.asText() + " is not a board of this workshop");
                boards.add(b.asText());
            });
            String given = Args.id(args, "board", false);
            plenary = given != null ? given : firstBoard(Set.copyOf(boards));
            if (ctx.workBoard(plenary).isEmpty()) throw ControlRefused.bad("board is not a board of this workshop");
        } else {
            throw ControlRefused.bad("mode must be copies or zones");
        }
        Set<String> seen = new HashSet<>();
        ArrayNode ids = N.arrayNode();
        for (int i = 0; i < groups.size(); i++) {
            JsonNode g = groups.get(i);
            if (!g.isObject()) throw ControlRefused.bad("each group is an object");
            String item = "group-" + (i + 1);
            ids.add(item);
            String name = Args.text(g, "name", 60, false);
            put.put(item, "name", N.textNode(name == null || name.isBlank() ? "Groep " + (i + 1) : name.strip()));
            put.put(item, "board", N.textNode(boards.get(i)));
            put.put(item, "zone", mode.equals("zones") ? N.textNode(zones.get(i)) : N.nullNode());
            List<String> members = members(g.get("members"), seen);
            put.put(item, "members", list(members));
            put.put(item, "names", names(members, N.objectNode()));
            JsonNode scribe = g.get("scribe");
            if (scribe != null && !scribe.isNull() && !members.contains(Args.replica(scribe, "scribe"))) {
                throw ControlRefused.bad("the scribe must be a member of the group");
            }
            put.put(item, "scribe", scribe == null || scribe.isNull() ? N.nullNode() : N.textNode(scribe.asText()));
        }
        Integer seconds = args.hasNonNull("seconds") ? Args.integer(args, "seconds", 1, 7200, null) : null;
        put.put("breakout", "active", N.booleanNode(true));
        put.put("breakout", "mode", N.textNode(mode));
        put.put("breakout", "plenary", N.textNode(plenary));
        put.put("breakout", "groups", ids);
        put.put("breakout", "endsWithTimer", N.booleanNode(seconds != null));
        put.put("breakout", "started", N.numberNode(ctx.now()));
        if (seconds != null) {
            long ms = seconds * 1000L;
            put.put("timer", "running", N.booleanNode(true));
            put.put("timer", "endsAt", N.numberNode(ctx.now() + ms));
            put.put("timer", "remaining", N.nullNode());
            put.put("timer", "duration", N.numberNode(ms));
        }
    }

    void assign(JsonNode args) {
        List<String> groups = currentGroups();
        String replica = Args.replica(args.get("replica"), "replica");
        String target = Args.id(args, "group", false);
        if (target != null && !groups.contains(target)) throw ControlRefused.bad("no group " + target + " in this breakout");
        for (String g : groups) {
            List<String> members = new ArrayList<>();
            room.get(g, "members").forEach(m -> members.add(m.asText()));
            boolean had = members.remove(replica);
            if (g.equals(target) && !had) members.add(replica);
            if (had != g.equals(target)) {
                put.put(g, "members", list(members));
                ObjectNode known = room.get(g, "names").isObject() ? (ObjectNode) room.get(g, "names") : N.objectNode();
                put.put(g, "names", names(members, known));
                if (had && replica.equals(room.get(g, "scribe").asText(null))) put.put(g, "scribe", N.nullNode());
            }
        }
    }

    void scribe(JsonNode args) {
        List<String> groups = currentGroups();
        String group = Args.id(args, "group", true);
        if (!groups.contains(group)) throw ControlRefused.bad("no group " + group + " in this breakout");
        JsonNode who = args.get("replica");
        if (who == null || who.isNull()) {
            put.put(group, "scribe", N.nullNode());
            return;
        }
        String replica = Args.replica(who, "replica");
        boolean member = false;
        for (JsonNode m : room.get(group, "members")) member |= m.asText().equals(replica);
        if (!member) throw ControlRefused.bad("the scribe must be a member of the group");
        put.put(group, "scribe", N.textNode(replica));
    }

    private List<String> currentGroups() {
        if (!room.flag("breakout", "active")) throw ControlRefused.bad("no breakout is running");
        List<String> out = new ArrayList<>();
        room.get("breakout", "groups").forEach(g -> out.add(g.asText()));
        return out;
    }

    private static List<String> members(JsonNode list, Set<String> seen) {
        if (list == null || list.isNull()) return List.of();
        if (!list.isArray() || list.size() > 500) throw ControlRefused.bad("members must be a list of replica ids");
        List<String> out = new ArrayList<>();
        for (JsonNode m : list) {
            String r = Args.replica(m, "a member");
            if (!seen.add(r)) throw ControlRefused.bad("replica " + r + " is in more than one group");
            out.add(r);
        }
        return out;
    }

    private ArrayNode list(List<String> replicas) {
        ArrayNode a = N.arrayNode();
        replicas.forEach(a::add);
        return a;
    }

    /** Display names of the members: as connected now, else as known before. */
    private ObjectNode names(List<String> members, ObjectNode known) {
        ObjectNode out = N.objectNode();
        for (String r : members) {
            Optional<String> now = ctx.connected().stream().filter(p -> p.replica().equals(r)).map(ControlContext.Person::name).findFirst();
            out.put(r, now.orElse(known.path(r).asText(r)));
        }
        return out;
    }

    private String firstBoard(Set<String> groupBoards) {
        return ctx.workshop().boards().stream().map(Workshop.BoardRef::id)
                .filter(id -> !groupBoards.contains(id) && ctx.workBoard(id).isPresent())
                .findFirst().orElseThrow(() -> ControlRefused.bad("the workshop has no board to return to"));
    }
}
