package be.samenbord.facilitation;

import be.samenbord.board.Items;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.List;

/**
 * The room as a state machine (rules FA-12, FA-13): its state is the room board's registers, and
 * every transition is a pure function of that state, a command, the server's now and randomness.
 * {@link #settle} is the transition time alone makes: it runs before every room command and when
 * the node's tick comes due, so "the timer ended" and "the breakout ended" cannot disagree.
 */
public final class RoomMachine {

    private static final JsonNodeFactory N = JsonNodeFactory.instance;

    private RoomMachine() {
    }

    /** The writes time alone makes by {@code now}; none when nothing is due. */
    public static List<ControlContext.Write> settle(Items items, long now) {
        RoomState room = new RoomState(items);
        settle(room, now);
        return room.writes();
    }

    /**
     * A timer past its end is finished: it clears itself, and a breakout that ends with it is over
     * (its groups stay, for the next breakout). An auto-advancing round moves on past each turn's end.
     */
    static void settle(RoomState room, long now) {
        Long endsAt = room.number("timer", "endsAt");
        if (room.flag("timer", "running") && endsAt != null && now >= endsAt) {
            clearTimer(room);
            if (room.flag("breakout", "active") && room.flag("breakout", "endsWithTimer")) closeBreakout(room);
        }
        Rounds.settle(room, now);
    }

    /** When {@link #settle} next changes something, or null when nothing is due. */
    public static Long dueAt(Items items) {
        RoomState room = new RoomState(items);
        Long due = null;
        Long endsAt = room.number("timer", "endsAt");
        if (room.flag("timer", "running") && endsAt != null) due = endsAt;
        Long turn = Rounds.dueAt(room);
        if (turn != null && (due == null || turn < due)) due = turn;
        return due;
    }

    static void clearTimer(RoomState room) {
        room.put("timer", "running", N.booleanNode(false));
        room.put("timer", "endsAt", N.nullNode());
        room.put("timer", "remaining", N.nullNode());
    }

    /** Everyone back to the plenary; the groups keep their names, members and zones (FA-14). */
    static void closeBreakout(RoomState room) {
        room.put("breakout", "active", N.booleanNode(false));
        room.put("breakout", "endsWithTimer", N.booleanNode(false));
    }
}
