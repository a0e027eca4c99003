package be.samenbord.facilitation;

import be.samenbord.board.template.Template;
import be.samenbord.workshop.ControlRefused;
import be.samenbord.workshop.Workshop;
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

    private static final JsonNodeFactory N = JsonNodeFactory.instance;
    private final ControlContext ctx;
    private final RoomState room;

    Breakouts(ControlContext ctx, RoomState room) {
        this.ctx = ctx;
        this.room = room;
    }

    /**
     * {@code boards} (copies mode) is filled in by the node after it made one board per group;
     * {@code reuse: true} starts the kept groups again, in the same mode, on the same boards (FA-14).
     */
    void start(JsonNode command) {
        JsonNode args = Args.flag(command, "reuse", false) ? kept(command) : command;
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
            chooseZones(groups, zones);
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
            room.put(item, "name", N.textNode(name == null || name.isBlank() ? "Groep " + (i + 1) : name.strip()));
            room.put(item, "board", N.textNode(boards.get(i)));
            room.put(item, "zone", mode.equals("zones") ? N.textNode(zones.get(i)) : N.nullNode());
            List<String> members = members(g.get("members"), seen);
            room.put(item, "members", list(members));
            // Names as known before stand in for members not connected now (a repeated breakout).
            JsonNode known = room.get(item, "names");
            room.put(item, "names", names(members, known.isObject() ? (ObjectNode) known : N.objectNode()));
            JsonNode scribe = g.get("scribe");
            if (scribe != null && !scribe.isNull() && !members.contains(Args.replica(scribe, "scribe"))) {
                throw ControlRefused.bad("the scribe must be a member of the group");
            }
            room.put(item, "scribe", scribe == null || scribe.isNull() ? N.nullNode() : N.textNode(scribe.asText()));
        }
        Integer seconds = args.hasNonNull("seconds") ? Args.integer(args, "seconds", 1, 7200, null) : null;
        room.put("breakout", "active", N.booleanNode(true));
        room.put("breakout", "mode", N.textNode(mode));
        room.put("breakout", "plenary", N.textNode(plenary));
        room.put("breakout", "groups", ids);
        room.put("breakout", "endsWithTimer", N.booleanNode(seconds != null));
        room.put("breakout", "started", N.numberNode(ctx.now()));
        if (seconds != null) RoomActions.startTimer(room, ctx.now(), seconds);
    }

    /**
     * Zones mode (FA-14): a group's own {@code zone} is its quadrant; the others take the offered
     * zones in order, skipping those chosen. Leaves one zone per group in {@code zones}.
     */
    private static void chooseZones(JsonNode groups, List<String> zones) {
        Set<String> chosen = new HashSet<>();
        for (JsonNode g : groups) {
            String zone = g.isObject() ? Args.id(g, "zone", false) : null;
            if (zone != null && !chosen.add(zone)) throw ControlRefused.bad("zone " + zone + " is given to two groups");
        }
        List<String> free = new ArrayList<>(zones.stream().filter(z -> !chosen.contains(z)).toList());
        List<String> out = new ArrayList<>();
        for (JsonNode g : groups) {
            String zone = g.isObject() ? Args.id(g, "zone", false) : null;
            if (zone == null && free.isEmpty()) throw ControlRefused.bad("the board has " + zones.size() + " zones for " + groups.size() + " groups");
            out.add(zone != null ? zone : free.removeFirst());
        }
        zones.clear();
        zones.addAll(out);
    }

    /** The last breakout's groups as {@code breakoutStart} arguments, with {@code seconds} as given. */
    private ObjectNode kept(JsonNode given) {
        JsonNode ids = room.get("breakout", "groups");
        if (!ids.isArray() || ids.isEmpty()) throw ControlRefused.bad("there are no groups to reuse: start a breakout with groups first");
        String mode = room.get("breakout", "mode").asText("");
        ObjectNode args = N.objectNode().put("mode", mode).put("board", room.get("breakout", "plenary").asText());
        if (given.has("seconds")) args.set("seconds", given.get("seconds"));
        ArrayNode groups = args.putArray("groups");
        ArrayNode boards = args.putArray("boards");
        for (JsonNode id : ids) {
            String g = id.asText();
            ObjectNode group = groups.addObject();
            group.set("name", room.get(g, "name"));
            group.set("members", room.get(g, "members"));
            group.set("scribe", room.get(g, "scribe"));
            if (mode.equals("zones")) group.set("zone", room.get(g, "zone"));
            boards.add(room.get(g, "board").asText());
        }
        return args;
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
                room.put(g, "members", list(members));
                ObjectNode known = room.get(g, "names").isObject() ? (ObjectNode) room.get(g, "names") : N.objectNode();
                room.put(g, "names", names(members, known));
                if (had && replica.equals(room.get(g, "scribe").asText(null))) room.put(g, "scribe", N.nullNode());
            }
        }
    }

    void scribe(JsonNode args) {
        List<String> groups = currentGroups();
        String group = Args.id(args, "group", true);
        if (!groups.contains(group)) throw ControlRefused.bad("no group " + group + " in this breakout");
        JsonNode who = args.get("replica");
        if (who == null || who.isNull()) {
            room.put(group, "scribe", N.nullNode());
            return;
        }
        String replica = Args.replica(who, "replica");
        boolean member = false;
        for (JsonNode m : room.get(group, "members")) member |= m.asText().equals(replica);
        if (!member) throw ControlRefused.bad("the scribe must be a member of the group");
        room.put(group, "scribe", N.textNode(replica));
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
