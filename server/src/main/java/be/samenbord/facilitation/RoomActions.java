package be.samenbord.facilitation;

import be.samenbord.workshop.ControlRefused;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.List;

/**
 * The room board's commands (rules FA-2, FA-3, FA-9, FA-12): instruction, timer, breakout groups,
 * follow, check-in and check-out rounds. Each is a transition of the room machine: the room is
 * settled to the server's now first ({@link RoomMachine#settle}), then the command turns the
 * settled state and its arguments into the registers to write. Times come from the server clock in
 * the context, never from a client.
 */
final class RoomActions {

    private static final JsonNodeFactory N = JsonNodeFactory.instance;

    private final ControlContext ctx;
    private final RoomState room;

    RoomActions(ControlContext ctx) {
        this.ctx = ctx;
        this.room = new RoomState(ctx.items());
    }

    List<ControlContext.Write> plan(String action, JsonNode args) {
        RoomMachine.settle(room, ctx.now());
        switch (action) {
            case "instruction" -> instruction(Args.text(args, "text", 1000, true));
            case "timerStart" -> {
                startTimer(room, ctx.now(), Args.integer(args, "seconds", 1, 7200, null));
                // A timer set during a breakout is the breakout's: its end brings everyone back (FA-3).
                if (room.flag("breakout", "active")) room.put("breakout", "endsWithTimer", N.booleanNode(true));
            }
            case "timerPause" -> pauseTimer();
            case "timerResume" -> resumeTimer();
            case "timerAdd" -> addTime(Args.integer(args, "seconds", 1, 3600, null));
            case "timerStop" -> stopTimer();
            case "breakoutStart" -> new Breakouts(ctx, room).start(args);
            case "breakoutAssign" -> new Breakouts(ctx, room).assign(args);
            case "breakoutScribe" -> new Breakouts(ctx, room).scribe(args);
            case "breakoutEnd" -> endBreakout();
            case "follow" -> follow(args);
            case "followStop" -> room.put("follow", "active", N.booleanNode(false));
            case "roundStart" -> Rounds.start(ctx, room, args);
            case "roundNext" -> Rounds.next(room, ctx.now(), false);
            case "roundSkip" -> Rounds.next(room, ctx.now(), true);
            case "roundEnd" -> Rounds.end(room, ctx.now());
            case "roundAnswer" -> RoundAnswers.answer(ctx, room, args);
            default -> throw ControlRefused.bad("unknown room action '" + action + "'");
        }
        return room.writes();
    }

    /** The instruction shown to everyone, and a record {@code instruction-<k>} of it (FA-17). */
    private void instruction(String text) {
        room.put("instruction", "text", N.textNode(text));
        if (text.isBlank()) return;
        long k = (room.number("instruction", "records") == null ? 0 : room.number("instruction", "records")) + 1;
        room.put("instruction", "records", N.numberNode(k));
        String record = "instruction-" + k;
        room.put(record, "kind", N.textNode("instructionRecord"));
        room.put(record, "text", N.textNode(text));
        room.put(record, "at", N.numberNode(ctx.now()));
    }

    static void startTimer(RoomState room, long now, int seconds) {
        long ms = seconds * 1000L;
        room.put("timer", "running", N.booleanNode(true));
        room.put("timer", "endsAt", N.numberNode(now + ms));
        room.put("timer", "remaining", N.nullNode());
        room.put("timer", "duration", N.numberNode(ms));
    }

    private void pauseTimer() {
        Long endsAt = room.number("timer", "endsAt");
        if (!room.flag("timer", "running") || endsAt == null) throw ControlRefused.bad("the timer is not running");
        room.put("timer", "running", N.booleanNode(false));
        room.put("timer", "remaining", N.numberNode(Math.max(0, endsAt - ctx.now())));
        room.put("timer", "endsAt", N.nullNode());
    }

    private void resumeTimer() {
        Long remaining = room.number("timer", "remaining");
        if (room.flag("timer", "running") || remaining == null) throw ControlRefused.bad("there is no paused timer");
        room.put("timer", "running", N.booleanNode(true));
        room.put("timer", "endsAt", N.numberNode(ctx.now() + remaining));
        room.put("timer", "remaining", N.nullNode());
    }

    private void addTime(int seconds) {
        long ms = seconds * 1000L;
        Long endsAt = room.number("timer", "endsAt");
        Long remaining = room.number("timer", "remaining");
        long duration = room.number("timer", "duration") == null ? 0 : room.number("timer", "duration");
        // Settled: a running timer has not ended yet (a finished one cleared itself).
        if (room.flag("timer", "running") && endsAt != null) {
            room.put("timer", "endsAt", N.numberNode(endsAt + ms));
        } else if (remaining != null) {
            room.put("timer", "remaining", N.numberNode(remaining + ms));
        } else {
            throw ControlRefused.bad("there is no timer to add time to");
        }
        room.put("timer", "duration", N.numberNode(duration + ms));
    }

    /** A stopped timer ends nothing: a breakout it was timing runs on without one (FA-13). */
    private void stopTimer() {
        RoomMachine.clearTimer(room);
        if (room.flag("breakout", "endsWithTimer")) room.put("breakout", "endsWithTimer", N.booleanNode(false));
    }

    private void endBreakout() {
        if (!room.flag("breakout", "active")) {
            // Its timer ended just now and the tick has not written it yet: ended all the same.
            if (new RoomState(ctx.items()).flag("breakout", "active")) return;
            throw ControlRefused.bad("no breakout is running");
        }
        if (room.flag("breakout", "endsWithTimer")) RoomMachine.clearTimer(room);
        RoomMachine.closeBreakout(room);
    }

    private void follow(JsonNode args) {
        String board = Args.id(args, "board", true);
        if (ctx.workBoard(board).isEmpty()) throw ControlRefused.bad("board is not a board of this workshop");
        room.put("follow", "active", N.booleanNode(true));
        room.put("follow", "board", N.textNode(board));
        room.put("follow", "x", N.numberNode(Args.number(args, "x", -1e7, 1e7)));
        room.put("follow", "y", N.numberNode(Args.number(args, "y", -1e7, 1e7)));
        room.put("follow", "zoom", N.numberNode(Args.number(args, "zoom", 0.05, 20)));
        // The part of the board the facilitator sees, so each follower fits it to their own screen.
        for (String span : new String[]{"w", "h"}) {
            room.put("follow", span, args.hasNonNull(span) ? N.numberNode(Args.number(args, span, 1, 1e7)) : N.nullNode());
        }
        room.put("follow", "by", N.textNode(ctx.actor()));
    }
}
