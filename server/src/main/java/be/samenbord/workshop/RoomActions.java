package be.samenbord.workshop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The room board's actions (rules FA-2, FA-3, FA-9): instruction, timer, breakout groups, follow,
 * check-in and check-out rounds. Each turns the room's state and its arguments into the registers
 * to write. Times come from the server clock in the context, never from a client.
 */
final class RoomActions {

    private static final JsonNodeFactory N = JsonNodeFactory.instance;

    private final ControlContext ctx;
    private final RoomState room;
    private final List<ControlContext.Write> out = new ArrayList<>();

    RoomActions(ControlContext ctx) {
        this.ctx = ctx;
        this.room = new RoomState(ctx.items());
    }

    List<ControlContext.Write> plan(String action, JsonNode args) {
        switch (action) {
            case "instruction" -> put("instruction", "text", N.textNode(Args.text(args, "text", 1000, true)));
            case "timerStart" -> {
                startTimer(Args.integer(args, "seconds", 1, 7200, null));
                // A timer set during a breakout is the breakout's: its end brings everyone back (FA-3).
                if (room.flag("breakout", "active")) put("breakout", "endsWithTimer", N.booleanNode(true));
            }
            case "timerPause" -> pauseTimer();
            case "timerResume" -> resumeTimer();
            case "timerAdd" -> addTime(Args.integer(args, "seconds", 1, 3600, null));
            case "timerStop" -> stopTimer();
            case "breakoutStart" -> new Breakouts(ctx, room, this::put).start(args);
            case "breakoutAssign" -> new Breakouts(ctx, room, this::put).assign(args);
            case "breakoutScribe" -> new Breakouts(ctx, room, this::put).scribe(args);
            case "breakoutEnd" -> endBreakout();
            case "follow" -> follow(args);
            case "followStop" -> put("follow", "active", N.booleanNode(false));
            case "roundStart" -> startRound(args);
            case "roundNext" -> nextTurn(false);
            case "roundSkip" -> nextTurn(true);
            case "roundEnd" -> put("round", "active", N.booleanNode(false));
            default -> throw ControlRefused.bad("unknown room action '" + action + "'");
        }
        return out;
    }

    void put(String item, String field, JsonNode value) {
        if (out.stream().noneMatch(w -> w.item().equals(item))) out.add(new ControlContext.Write(item, "kind", N.textNode("control")));
        out.add(new ControlContext.Write(item, field, value));
    }

    void startTimer(int seconds) {
        long ms = seconds * 1000L;
        put("timer", "running", N.booleanNode(true));
        put("timer", "endsAt", N.numberNode(ctx.now() + ms));
        put("timer", "remaining", N.nullNode());
        put("timer", "duration", N.numberNode(ms));
    }

    private void pauseTimer() {
        Long endsAt = room.number("timer", "endsAt");
        if (!room.flag("timer", "running") || endsAt == null) throw ControlRefused.bad("the timer is not running");
        put("timer", "running", N.booleanNode(false));
        put("timer", "remaining", N.numberNode(Math.max(0, endsAt - ctx.now())));
        put("timer", "endsAt", N.nullNode());
    }

    private void resumeTimer() {
        Long remaining = room.number("timer", "remaining");
        if (room.flag("timer", "running") || remaining == null) throw ControlRefused.bad("there is no paused timer");
        put("timer", "running", N.booleanNode(true));
        put("timer", "endsAt", N.numberNode(ctx.now() + remaining));
        put("timer", "remaining", N.nullNode());
    }

    private void addTime(int seconds) {
        long ms = seconds * 1000L;
        Long endsAt = room.number("timer", "endsAt");
        Long remaining = room.number("timer", "remaining");
        long duration = room.number("timer", "duration") == null ? 0 : room.number("timer", "duration");
        if (room.flag("timer", "running") && endsAt != null) {
            // A timer that already ran out starts again from now rather than from its old end.
            put("timer", "endsAt", N.numberNode(Math.max(endsAt, ctx.now()) + ms));
        } else if (remaining != null) {
            put("timer", "remaining", N.numberNode(remaining + ms));
        } else {
            throw ControlRefused.bad("there is no timer to add time to");
        }
        put("timer", "duration", N.numberNode(duration + ms));
    }

    void stopTimer() {
        put("timer", "running", N.booleanNode(false));
        put("timer", "endsAt", N.nullNode());
        put("timer", "remaining", N.nullNode());
    }

    private void endBreakout() {
        if (!room.flag("breakout", "active")) throw ControlRefused.bad("no breakout is running");
        put("breakout", "active", N.booleanNode(false));
        if (room.flag("breakout", "endsWithTimer")) stopTimer();
    }

    private void follow(JsonNode args) {
        String board = Args.id(args, "board", true);
        if (ctx.workBoard(board).isEmpty()) throw ControlRefused.bad("board is not a board of this workshop");
        put("follow", "active", N.booleanNode(true));
        put("follow", "board", N.textNode(board));
        put("follow", "x", N.numberNode(Args.number(args, "x", -1e7, 1e7)));
        put("follow", "y", N.numberNode(Args.number(args, "y", -1e7, 1e7)));
        put("follow", "zoom", N.numberNode(Args.number(args, "zoom", 0.05, 20)));
        // The part of the board the facilitator sees, so each follower fits it to their own screen.
        for (String span : new String[]{"w", "h"}) {
            put("follow", span, args.hasNonNull(span) ? N.numberNode(Args.number(args, span, 1, 1e7)) : N.nullNode());
        }
        put("follow", "by", N.textNode(ctx.actor()));
    }

    private void startRound(JsonNode args) {
        String kind = Args.text(args, "kind", 20, true);
        if (!kind.equals("check-in") && !kind.equals("check-out")) throw ControlRefused.bad("kind must be check-in or check-out");
        String prompt = Args.text(args, "prompt", 500, true);
        int seconds = Args.integer(args, "seconds", 5, 600, 30);
        // One turn per person (ID-3), however many tabs they have open: named by their first replica.
        Map<String, ControlContext.Person> writers = new LinkedHashMap<>();
        ctx.connected().stream().filter(p -> p.role() != Role.OBSERVER)
                .sorted(java.util.Comparator.comparing(ControlContext.Person::replica))
                .forEach(p -> writers.putIfAbsent(Seats.personOf(p.replica()), p));
        if (writers.isEmpty()) throw ControlRefused.bad("nobody is in the room to take a turn");
        List<ControlContext.Person> order = new ArrayList<>(writers.values());
        for (int i = order.size() - 1; i > 0; i--) {
            int j = ctx.random().nextInt(i + 1);
            order.set(j, order.set(i, order.get(j)));
        }
        ArrayNode list = N.arrayNode();
        order.forEach(p -> list.add(N.objectNode().put("replica", p.replica()).put("name", p.name())));
        put("round", "active", N.booleanNode(true));
        put("round", "kind", N.textNode(kind));
        put("round", "prompt", N.textNode(prompt));
        put("round", "order", list);
        put("round", "index", N.numberNode(0));
        put("round", "skipped", N.arrayNode());
        put("round", "turnMs", N.numberNode(seconds * 1000L));
        put("round", "turnEndsAt", N.numberNode(ctx.now() + seconds * 1000L));
    }

    private void nextTurn(boolean skip) {
        if (!room.flag("round", "active")) throw ControlRefused.bad("no round is running");
        int index = room.number("round", "index") == null ? 0 : room.number("round", "index").intValue();
        int size = room.get("round", "order").size();
        if (skip) {
            Set<Integer> skipped = new LinkedHashSet<>();
            room.get("round", "skipped").forEach(n -> skipped.add(n.asInt()));
            skipped.add(index);
            ArrayNode list = N.arrayNode();
            skipped.forEach(list::add);
            put("round", "skipped", list);
        }
        if (index + 1 >= size) {
            put("round", "active", N.booleanNode(false));
            put("round", "index", N.numberNode(size));
            put("round", "turnEndsAt", N.nullNode());
            return;
        }
        long turnMs = room.number("round", "turnMs") == null ? 30_000 : room.number("round", "turnMs");
        put("round", "index", N.numberNode(index + 1));
        put("round", "turnEndsAt", N.numberNode(ctx.now() + turnMs));
    }

}
